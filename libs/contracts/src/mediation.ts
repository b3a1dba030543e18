import type { FieldError } from './errors';

/**
 * Separate sessions (背对背, R13–R18): the channels of a case, their messages, and the socket
 * events that carry them. The server alone decides who is in which channel.
 */

export const CHANNEL_KINDS = ['caucus', 'joint', 'notes'] as const;
/** `caucus`: one party (and its agents) with the mediators; `joint`: everyone, when the mediator opens it; `notes`: mediators only. */
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const MESSAGE_KINDS = ['text', 'proposal', 'offer', 'attachment', 'system'] as const;
/** `proposal`: a party's written proposal (R16); `offer`: the mediator's offer to a party. */
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_LIMITS = {
  bodyMax: 5000,
  historyPage: 100,
  /** Per socket: sustained messages per second and burst. */
  ratePerSecond: 10,
  burst: 30,
} as const;

export interface ChannelView {
  id: string;
  caseId: string;
  kind: ChannelKind;
  /** For a caucus: the party it belongs to. */
  partyId: string | null;
  partyName: string | null;
  /** The joint channel is open only when the mediator opens it. */
  open: boolean;
  lastSeq: number;
  /** The viewer's last read sequence. */
  readSeq: number;
  /** How far each other member has read (stored read receipts), so a reload shows them too. */
  readers: ChannelReader[];
  /** Who is in the channel, as the server derives it (e.g. whom a call rings: `RtcSignal.to`). */
  members: ChannelMember[];
  /** The joint channel's joint call in progress, if the mediator started one (R15). */
  jointCall?: JointCallState | null;
  /**
   * R01: set (true) when nothing may be sent here yet because a party has not consented to
   * mediation: its caucus, or the joint channel before every party consented.
   */
  awaitingConsent?: true;
}

/**
 * R15: a joint call, started by a mediator in the open joint channel. Parties (and agents) may
 * signal each other only once each of them consented; otherwise a party's `rtc:signal` may
 * only go to a mediator of the case.
 */
export interface JointCallState {
  callId: string;
  startedBy: string;
  startedAt: string;
  /** The party and agent accounts asked to consent. */
  invited: string[];
  consented: string[];
}

/** Sent to the joint channel when a joint call starts, gains a consent, or ends (`callId: null`). */
export type JointCallEvent = { channelId: string } & ({ callId: string; call: JointCallState } | { callId: null; call: null });

export type JointCallAck = { ok: true; call: JointCallState | null } | EventRefusal;

export interface ChannelMember {
  userId: string;
  name: string;
  role: 'party' | 'agent' | 'mediator';
}

export interface ChannelReader {
  userId: string;
  name: string;
  seq: number;
  readAt: string;
}

/** A file attached to a message: stored by the documents service with the channel's visibility (R15). */
export interface MessageAttachment {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  /** Authorised download URL (relative); 404 for anyone who may not read a channel holding it. */
  downloadUrl: string;
}

export interface MessageView {
  id: string;
  channelId: string;
  /** Gap-free, per channel. */
  seq: number;
  senderId: string;
  senderName: string;
  senderRole: 'party' | 'agent' | 'mediator' | 'system';
  clientId: string;
  kind: MessageKind;
  body: string;
  /** R17: made only to reach agreement; left out of any export for litigation. */
  concession: boolean;
  /** Shared by the mediator from another channel (recorded in the audit log). */
  sharedFromChannelKind: ChannelKind | null;
  documentId: string | null;
  /** The attached file, when `documentId` is set. */
  attachment: MessageAttachment | null;
  createdAt: string;
}

export interface SendMessageRequest {
  channelId: string;
  /** The client's id for this message (uuid): a retry with the same id is acknowledged, not stored twice. */
  clientId: string;
  body: string;
  kind?: Exclude<MessageKind, 'system'>;
  concession?: boolean;
  /** A document uploaded by the sender to this channel (POST /api/channels/:id/attachments). */
  documentId?: string;
}

/**
 * A refused socket event, as its ack: the REST error's code and, for a payload that fails its
 * DTO, every field with its constraint id exactly as a REST 400 lists them (issue #12), so the
 * web translates both one way; `field` is the first of them.
 */
export interface EventRefusal {
  ok: false;
  code: string;
  message: string;
  field?: string;
  fields?: FieldError[];
}

export type SendMessageAck = { ok: true; message: MessageView; duplicate: boolean } | EventRefusal;

export interface SyncRequest {
  channelId: string;
  /** Everything after this sequence number. */
  afterSeq: number;
}
export type SyncAck = { ok: true; messages: MessageView[]; lastSeq: number } | EventRefusal;

/** The mediator opens or closes the joint channel (R15). */
export interface JointChannelRequest {
  open: boolean;
}

export interface JoinCaseRequest {
  caseId: string;
}
export type JoinCaseAck = { ok: true; channels: ChannelView[]; mediatorsOnline: string[] } | EventRefusal;

/** An event about one channel: typing, a read position, a joint call's start or end. */
export interface ChannelEventRequest {
  channelId: string;
}
export interface TypingRequest extends ChannelEventRequest {
  typing: boolean;
}
export interface MessageReadRequest extends ChannelEventRequest {
  /** The reader has read up to and including this sequence number. */
  seq: number;
}
export interface CallConsentRequest extends ChannelEventRequest {
  callId: string;
}

export interface ShareMessageRequest {
  messageId: string;
  toChannelId: string;
}

/**
 * WebRTC signalling (offer/answer/ICE), relayed only to the one member named in `to`. From a
 * party or agent, `to` must be a mediator of the case, except in a joint call both consented to.
 */
export interface RtcSignal {
  channelId: string;
  /** The user id of the peer: another member of the same channel (checked on the server). */
  to: string;
  type: 'offer' | 'answer' | 'ice' | 'hangup';
  payload: unknown;
}

export interface RtcConfig {
  iceServers: Array<{ urls: string | string[]; username?: string; credential?: string }>;
  /** Recording is not offered: sessions are not recorded (R18 would need every party's consent). */
  recording: false;
}

export const SESSION_MODES = ['text', 'video', 'on_site'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export interface ScheduleSessionRequest {
  startsAt: string;
  durationMinutes?: number;
  mode: SessionMode;
  /** A separate (背对背) slot: only these parties, each of whom must consent (R13). */
  separate: boolean;
  partyIds: string[];
}

export interface SessionView {
  id: string;
  caseId: string;
  startsAt: string;
  durationMinutes: number;
  mode: SessionMode;
  separate: boolean;
  partyIds: string[];
  status: 'scheduled' | 'cancelled';
  /** Party ids whose consent to the separate slot is recorded. */
  consentedPartyIds: string[];
  /** R14: party ids whose identity was re-confirmed at check-in (by the party or its agent). */
  checkedInPartyIds: string[];
  /** For the viewer: consent given, identity re-confirmed and warning acknowledged (R13, R14). */
  viewer: { consented: boolean; checkedIn: boolean } | null;
}

/**
 * R14: at check-in a participant re-confirms identity with the code sent by SMS to their
 * registered mobile (`POST /api/sessions/:id/check-in/code`) and acknowledges the warning
 * against sham mediation. A participant with no ID number recorded gives it first (`idNumber`,
 * refused with a 4xx naming it otherwise).
 */
export interface CheckInRequest {
  code: string;
  shamWarningAcknowledged: true;
  idNumber?: string;
}
export interface CheckInCodeRequest {
  idNumber?: string;
}

/** `GET /api/channels/:id/messages`: the messages after one sequence number (catching up) or before one (scrolling back). */
export interface MessageHistoryQuery {
  afterSeq?: number;
  beforeSeq?: number;
  limit?: number;
}
