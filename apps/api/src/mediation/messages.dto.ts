import {
  MESSAGE_KINDS,
  MESSAGE_LIMITS,
  type CallConsentRequest,
  type ChannelEventRequest,
  type JoinCaseRequest,
  type MessageKind,
  type MessageReadRequest,
  type RtcSignal,
  type SendMessageRequest,
  type ShareMessageRequest,
  type SyncRequest,
  type TypingRequest,
} from '@tiaojie/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Allow, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateBy } from 'class-validator';

/**
 * The bodies of the separate sessions' REST routes and socket events (R13–R18), one class per
 * shape: the gateway validates each event's payload with these classes through the REST
 * validation (common/validation.ts `validateInput`), so an event refuses exactly what its REST
 * twin refuses, field by field (issue #12).
 */

/** Not empty and not only spaces: a blank message says nothing (refused as `isNotEmpty`, as an empty one). */
const IsNotBlank = () =>
  ValidateBy({
    name: 'isNotEmpty',
    validator: { validate: (v) => typeof v === 'string' && v.trim().length > 0, defaultMessage: () => '$property should not be empty' },
  });

/** R16: what a party or mediator writes in a channel; `POST /channels/:id/messages` (the channel is the path). */
export class MessageContentDto implements Omit<SendMessageRequest, 'channelId'> {
  @IsUUID()
  clientId!: string;

  @IsString()
  @IsNotBlank()
  @MaxLength(MESSAGE_LIMITS.bodyMax)
  body!: string;

  @IsOptional()
  @IsIn(MESSAGE_KINDS.filter((k) => k !== 'system'))
  kind?: Exclude<MessageKind, 'system'>;

  @IsOptional()
  @IsBoolean()
  concession?: boolean;

  @IsOptional()
  @IsUUID()
  documentId?: string;
}

/** `message:send`: the same message, naming its channel. */
export class SendMessageDto extends MessageContentDto implements SendMessageRequest {
  @IsUUID()
  channelId!: string;
}

/** `POST /messages/:id/share` (the message is the path). */
export class ShareTargetDto implements Omit<ShareMessageRequest, 'messageId'> {
  @IsUUID()
  toChannelId!: string;
}

/** `message:share`. */
export class ShareMessageDto extends ShareTargetDto implements ShareMessageRequest {
  @IsUUID()
  messageId!: string;
}

/** `case:join`, `case:leave`. */
export class JoinCaseDto implements JoinCaseRequest {
  @IsUUID()
  caseId!: string;
}

/** `call:start`, `call:end`: one channel. */
export class ChannelEventDto implements ChannelEventRequest {
  @IsUUID()
  channelId!: string;
}

/** `channel:sync`: everything after a sequence number (numbers as numbers: no conversion, unlike a query string). */
export class ChannelSyncDto extends ChannelEventDto implements SyncRequest {
  @IsInt()
  @Min(0)
  afterSeq!: number;
}

export class TypingDto extends ChannelEventDto implements TypingRequest {
  @IsBoolean()
  typing!: boolean;
}

export class MessageReadDto extends ChannelEventDto implements MessageReadRequest {
  @IsInt()
  @Min(0)
  @Max(2 ** 31 - 1)
  seq!: number;
}

export class CallConsentDto extends ChannelEventDto implements CallConsentRequest {
  @IsUUID()
  callId!: string;
}

export const RTC_SIGNAL_TYPES = ['offer', 'answer', 'ice', 'hangup'] as const satisfies ReadonlyArray<RtcSignal['type']>;

/** `rtc:signal`: relayed as it is to the one peer; its size is bounded by the gateway. */
export class RtcSignalDto implements RtcSignal {
  @IsUUID()
  channelId!: string;

  @IsUUID()
  to!: string;

  @IsIn(RTC_SIGNAL_TYPES)
  type!: RtcSignal['type'];

  /** An SDP description or an ICE candidate, opaque to the server; null for a hang-up without one. */
  @ApiProperty({ nullable: true, description: 'SDP description or ICE candidate, relayed as it is' })
  @Allow()
  payload!: unknown;
}
