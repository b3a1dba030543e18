import type { ErrorBody } from './errors';
import type {
  CallConsentRequest,
  ChannelEventRequest,
  ChannelView,
  JoinCaseAck,
  JoinCaseRequest,
  JointCallAck,
  JointCallEvent,
  MessageReadRequest,
  MessageView,
  RtcSignal,
  SendMessageAck,
  SendMessageRequest,
  ShareMessageRequest,
  SyncAck,
  SyncRequest,
  TypingRequest,
} from './mediation';

/** An in-app notice, as pushed live and as listed in the inbox. */
export interface InAppNotice {
  id: string;
  caseId: string | null;
  caseNumber: string | null;
  template: string;
  text: string;
  createdAt: string;
  readAt: string | null;
}

/** socket.io event maps, typed on both sides (`Socket<ServerToClientEvents, ClientToServerEvents>`). */
export interface ServerToClientEvents {
  /** Sent right after an authenticated connection is accepted. */
  'session:ready': (payload: { userId: string; serverTime: string }) => void;
  /** The session ended (logout, account disabled, token expired): the client must log in again. */
  'session:ended': (payload: { reason: 'logout' | 'disabled' | 'expired' }) => void;
  /** A new in-app notice for this account (stored in its inbox too). */
  'notice:new': (payload: InAppNotice) => void;
  /** A refused event: same shape as a REST error. */
  'error:event': (payload: ErrorBody & { event: string }) => void;
  /** A message stored in a channel the socket belongs to. */
  'message:new': (payload: MessageView) => void;
  /** Someone typing in a channel (ephemeral). */
  typing: (payload: { channelId: string; userId: string; name: string; typing: boolean }) => void;
  /** A reader's read position in a channel moved. */
  'message:read': (payload: { channelId: string; userId: string; seq: number }) => void;
  /** A mediator came online or went offline on a case. */
  presence: (payload: { caseId: string; userId: string; online: boolean }) => void;
  /** The channels this socket may use on a case changed (joint opened/closed, membership changed). */
  'channels:update': (payload: { caseId: string; channels: ChannelView[] }) => void;
  /** WebRTC signalling relayed from another member of the channel. */
  'rtc:signal': (payload: RtcSignal & { from: string }) => void;
  /** R15: the joint call of a joint channel started, gained a consent, or ended. */
  'call:joint': (payload: JointCallEvent) => void;
}

export interface ClientToServerEvents {
  /** Round-trip check; the ack carries the server time. */
  'session:ping': (ack: (payload: { serverTime: string }) => void) => void;
  /** Open a case: the server derives the channels this account may use and subscribes the socket. */
  'case:join': (payload: JoinCaseRequest, ack: (result: JoinCaseAck) => void) => void;
  'case:leave': (payload: JoinCaseRequest) => void;
  /** Store a message; acknowledged only once stored, with its sequence number. */
  'message:send': (payload: SendMessageRequest, ack: (result: SendMessageAck) => void) => void;
  /** Everything after a sequence number, in order (after a reconnect or reload). */
  'channel:sync': (payload: SyncRequest, ack: (result: SyncAck) => void) => void;
  typing: (payload: TypingRequest) => void;
  'message:read': (payload: MessageReadRequest) => void;
  /** Mediator: copy one message to another channel (audited). */
  'message:share': (payload: ShareMessageRequest, ack: (result: SendMessageAck) => void) => void;
  'rtc:signal': (payload: RtcSignal) => void;
  /** R15, mediator: start a joint call in the open joint channel; every party in it is asked to consent. */
  'call:start': (payload: ChannelEventRequest, ack: (result: JointCallAck) => void) => void;
  /** R15, party or agent: consent to the joint call `callId` (recorded in the audit log). */
  'call:consent': (payload: CallConsentRequest, ack: (result: JointCallAck) => void) => void;
  /** R15, mediator: end the joint call. */
  'call:end': (payload: ChannelEventRequest, ack: (result: JointCallAck) => void) => void;
}

/** Every event a client may send, as a list (metrics label only these; anything else is `other`). */
export const CLIENT_EVENTS = [
  'session:ping',
  'case:join',
  'case:leave',
  'message:send',
  'channel:sync',
  'typing',
  'message:read',
  'message:share',
  'rtc:signal',
  'call:start',
  'call:consent',
  'call:end',
] as const satisfies ReadonlyArray<keyof ClientToServerEvents>;
// …and no event of the map is missing from the list:
type MissingClientEvent = Exclude<keyof ClientToServerEvents, (typeof CLIENT_EVENTS)[number]>;
export const CLIENT_EVENTS_COMPLETE: MissingClientEvent extends never ? true : never = true;

export const SOCKET_PATH = '/socket.io';

/** Queue names shared by the API (producer) and the worker (consumer). */
export const QUEUES = {
  notifications: 'tiaojie-notifications',
} as const;
