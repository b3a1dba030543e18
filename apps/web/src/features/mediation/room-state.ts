import type { ChannelView, MessageView, RtcSignal } from '@tiaojie/contracts';
import type { AppSocket } from '../../lib/socket';
import type { KeyValueStore, OutboxEntry } from './outbox';

export type RoomStatus = 'connecting' | 'live' | 'reconnecting' | 'denied' | 'failed';

export interface ChannelState {
  channel: ChannelView;
  /** In sequence order, each once. */
  messages: MessageView[];
  /** Everything from this seq up to the contiguous top is held; older pages load below it. */
  floor: number;
  /** The first sync after opening the page is done. */
  initialised: boolean;
  loadingOlder: boolean;
  olderFailed: boolean;
  /** The viewer's own read position (unread counts). */
  readSeq: number;
  /** Read positions of the other members seen live (`message:read`): ✓✓ on the viewer's messages. */
  readers: Record<string, number>;
  typing: Record<string, { name: string; until: number }>;
  /** The viewer's messages not yet acknowledged, oldest first. */
  outbox: OutboxEntry[];
}

export interface RoomState {
  status: RoomStatus;
  /** Why the room is `failed` (an error code of the contracts). */
  errorCode: string | null;
  /** In the server's order: caucuses, joint, notes. */
  channels: ChannelView[];
  byChannel: Record<string, ChannelState>;
  mediatorsOnline: string[];
  /** Joined at least once: later drops are shown as "reconnecting", not as loading. */
  joinedOnce: boolean;
  /**
   * The browser says it has no network (issue #11): shown at once, without waiting for the
   * socket's ping to time out (tens of seconds); the mediator's presence is then unknown.
   */
  offline: boolean;
}

export type RtcListener = (signal: RtcSignal & { from: string }) => void;

export interface RoomDeps {
  caseId: string;
  userId: string;
  connect: () => Promise<AppSocket>;
  fetchHistory: (channelId: string, beforeSeq: number, limit: number) => Promise<MessageView[]>;
  storage: KeyValueStore | null;
  /** Renews the session cookie when the handshake says it expired. */
  refreshSession?: () => Promise<boolean>;
  now?: () => number;
  historyPage?: number;
}

export const INITIAL_ROOM_STATE: RoomState = { status: 'connecting', errorCode: null, channels: [], byChannel: {}, mediatorsOnline: [], joinedOnce: false, offline: false };

export interface Draft {
  body: string;
  kind?: OutboxEntry['kind'];
  concession?: boolean;
  /** An uploaded file (POST /api/channels/:id/attachments) to send with the message. */
  attachment?: OutboxEntry['attachment'];
}

/** The read positions a channel view carries (stored on the server) merged into those held: the higher wins. */
export function mergeReaders(held: Record<string, number>, view: Pick<ChannelView, 'readers'>): Record<string, number> {
  const out = { ...held };
  for (const r of view.readers ?? []) if ((out[r.userId] ?? 0) < r.seq) out[r.userId] = r.seq;
  return out;
}
