import type { Socket } from 'socket.io-client';
import { SOCKET_PATH, type ClientToServerEvents, type InAppNotice, type ServerToClientEvents } from '@tiaojie/contracts';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the typed socket.io connection (cookies carry the session). socket.io-client is loaded
 * on demand so that it stays out of the first page load. WebSocket first: one handshake instead
 * of a polling handshake, a polling round and an upgrade — fewer requests and tasks while a
 * phone is still showing the first page (TARGETS P5); long-polling where WebSocket fails (a
 * proxy that blocks it), tried in turn (`tryAllTransports`). The journey 'first load: the
 * socket…' (apps/web-e2e/journeys/first-load.js) checks both in Chromium.
 */
export async function connectSocket(): Promise<AppSocket> {
  const { io } = await import('socket.io-client');
  return io({ path: SOCKET_PATH, withCredentials: true, transports: ['websocket', 'polling'], tryAllTransports: true });
}

type NoticeListener = (notice: InAppNotice) => void;
const noticeListeners = new Set<NoticeListener>();

/**
 * Live `notice:new` events, for whoever shows them (the header's bell). The one session socket
 * (app/useSessionSocket) publishes here, so no component opens a socket of its own.
 */
export function subscribeNotices(listener: NoticeListener): () => void {
  noticeListeners.add(listener);
  return () => {
    noticeListeners.delete(listener);
  };
}

export function publishNotice(notice: InAppNotice) {
  for (const listener of noticeListeners) listener(notice);
}

type ResyncListener = () => void;
const resyncListeners = new Set<ResyncListener>();

/**
 * The session socket (re)connected: what was sent while it was connecting or down never arrives
 * as a live event, so whoever shows live data (the bell) asks the server again.
 */
export function subscribeResync(listener: ResyncListener): () => void {
  resyncListeners.add(listener);
  return () => {
    resyncListeners.delete(listener);
  };
}

export function publishResync() {
  for (const listener of resyncListeners) listener();
}
