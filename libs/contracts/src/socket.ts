import type { ErrorBody } from './errors';

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
}

export interface ClientToServerEvents {
  /** Round-trip check; the ack carries the server time. */
  'session:ping': (ack: (payload: { serverTime: string }) => void) => void;
}

export const SOCKET_PATH = '/socket.io';

/** Queue names shared by the API (producer) and the worker (consumer). */
export const QUEUES = {
  notifications: 'tiaojie-notifications',
} as const;
