import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MESSAGE_LIMITS,
  UPLOAD_LIMITS,
  type ChannelView,
  type DocumentView,
  type JointChannelRequest,
  type MessageView,
  type RequestOtpResponse,
  type RtcConfig,
  type SessionView,
  type MessageHistoryQuery,
} from '@tiaojie/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentAuth } from '../accounts/auth.guard';
import type { AuthContext } from '../accounts/tokens.service';
import { AppException } from '../common/app-exception';
import { Meta, type RequestMeta } from '../common/request-meta';
import { AppConfig } from '../config/app-config';
import type { Viewer } from '../cases/cases.service';
import { CurrentViewer } from '../cases/viewer.decorator';
import { DocumentsService } from '../cases/documents.service';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { MediationService } from './mediation.service';
import { SessionsService } from './sessions.service';
import { CheckInCodeDto, CheckInDto, ScheduleSessionDto } from './sessions.dto';
import { MessageContentDto, ShareTargetDto } from './messages.dto';
import { AcceptsFiles } from '../common/transport';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

class MessageHistoryQueryDto implements MessageHistoryQuery {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  afterSeq?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  beforeSeq?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

class JointDto implements JointChannelRequest {
  @IsBoolean()
  open!: boolean;
}

/** REST side of the separate sessions: history pages, sending without a socket, sharing, the joint channel. */
@ApiTags('mediation')
@Controller()
export class MediationController {
  constructor(
    private readonly mediation: MediationService,
    private readonly emitter: RealtimeEmitter,
    private readonly config: AppConfig,
    private readonly sessionsService: SessionsService,
    private readonly documents: DocumentsService,
  ) {}

  @Get('cases/:id/channels')
  async channels(@Param('id', uuid) id: string, @CurrentAuth() auth: AuthContext): Promise<ChannelView[]> {
    const access = await this.mediation.access(auth.userId, id);
    if (!access.length) throw new AppException('NOT_FOUND', 'No such case');
    return this.mediation.views(auth.userId, access);
  }

  @Get('channels/:id/messages')
  @ApiOperation({ summary: 'History: the page before `beforeSeq` (newest last), or everything after `afterSeq`' })
  async history(@Param('id', uuid) id: string, @Query() q: MessageHistoryQueryDto, @CurrentAuth() auth: AuthContext, @Meta() meta: RequestMeta): Promise<MessageView[]> {
    // R19: every read of a channel's history is in the case access log, refusals too.
    await this.mediation.readChannel(auth.userId, id, 'read_channel_history', meta.ip);
    if (q.afterSeq !== undefined) return this.mediation.after(id, q.afterSeq, q.limit ?? 500);
    return this.mediation.before(id, q.beforeSeq ?? null, q.limit ?? MESSAGE_LIMITS.historyPage);
  }

  @Post('channels/:id/messages')
  async send(@Param('id', uuid) id: string, @Body() dto: MessageContentDto, @CurrentAuth() auth: AuthContext): Promise<{ message: MessageView; duplicate: boolean }> {
    const access = await this.mediation.channelFor(auth.userId, id);
    if (!access.canSend) throw AppException.field('CONFLICT', 'channelId', 'closed', 'This conversation takes no new messages');
    const result = await this.mediation.send({ id: auth.userId, name: auth.user.name }, access.role, { ...dto, channelId: id });
    if (!result.duplicate) this.emitter.toChannel(id, 'message:new', result.message);
    return result;
  }

  @Post('channels/:id/attachments')
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload a file to attach to a message in this channel: visible only to those who may read the channel (R15); then send a message with its documentId' })
  @AcceptsFiles()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_LIMITS.maxBytes, files: 1, fields: 5 } }))
  async attach(@Param('id', uuid) id: string, @UploadedFile() file: Express.Multer.File | undefined, @CurrentViewer() viewer: Viewer): Promise<DocumentView> {
    // Membership first (404 for anyone outside the channel), then the documents service's
    // sniffing, size and per-case checks; the upload is logged as a case access (R19).
    const access = await this.mediation.channelFor(viewer.userId, id);
    if (!access.canSend) throw AppException.field('CONFLICT', 'channelId', 'closed', 'This conversation takes no new messages');
    return this.documents.upload(access.channel.caseId, file, 'other', 'own_side', viewer, { channelId: id });
  }

  @Post('messages/:id/share')
  @ApiOperation({ summary: 'Mediator: copy one message into another channel of the case (R15, audited)' })
  async share(@Param('id', uuid) id: string, @Body() dto: ShareTargetDto, @CurrentAuth() auth: AuthContext, @Meta() meta: RequestMeta): Promise<{ message: MessageView; duplicate: boolean }> {
    const result = await this.mediation.share({ id: auth.userId, name: auth.user.name }, id, dto.toChannelId, meta);
    if (!result.duplicate) this.emitter.toChannel(dto.toChannelId, 'message:new', result.message);
    return result;
  }

  @Put('cases/:id/joint')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mediator: open or close the joint channel' })
  joint(@Param('id', uuid) id: string, @Body() dto: JointDto, @CurrentAuth() auth: AuthContext): Promise<ChannelView> {
    return this.mediation.setJoint(auth.userId, id, dto.open);
  }

  @Get('cases/:id/sessions')
  sessions(@Param('id', uuid) id: string, @CurrentAuth() auth: AuthContext): Promise<SessionView[]> {
    return this.sessionsService.list(auth.userId, id);
  }

  @Post('cases/:id/sessions')
  @ApiOperation({ summary: 'Mediator: schedule a session — text, video or on site; a separate slot needs each party’s consent (R13)' })
  schedule(@Param('id', uuid) id: string, @Body() dto: ScheduleSessionDto, @CurrentAuth() auth: AuthContext): Promise<SessionView> {
    return this.sessionsService.schedule(auth.userId, id, dto);
  }

  @Post('sessions/:id/consent')
  @HttpCode(200)
  consentToSession(@Param('id', uuid) id: string, @CurrentAuth() auth: AuthContext): Promise<SessionView> {
    return this.sessionsService.consent(auth.userId, id);
  }

  @Post('sessions/:id/check-in/code')
  @HttpCode(202)
  @ApiOperation({ summary: 'R14: send the check-in code by SMS to the registered mobile (an ID number first if none is recorded)' })
  checkInCode(@Param('id', uuid) id: string, @Body() dto: CheckInCodeDto, @CurrentAuth() auth: AuthContext): Promise<RequestOtpResponse> {
    return this.sessionsService.requestCheckInCode(auth.userId, id, dto);
  }

  @Post('sessions/:id/check-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-confirm identity with the SMS code and acknowledge the sham-mediation warning before a session (R14)' })
  checkIn(@Param('id', uuid) id: string, @Body() dto: CheckInDto, @CurrentAuth() auth: AuthContext, @Meta() meta: RequestMeta): Promise<SessionView> {
    return this.sessionsService.checkIn(auth.userId, id, dto, meta);
  }

  /** STUN/TURN servers for video and voice (RTC_ICE_SERVERS); sessions are not recorded. */
  @Get('rtc/config')
  rtc(): RtcConfig {
    return { iceServers: JSON.parse(this.config.env.RTC_ICE_SERVERS), recording: false };
  }
}
