import type { Socket } from 'socket.io-client';
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '@tiaojie/contracts';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the typed socket.io connection (cookies carry the session). socket.io-client is loaded
 * on demand so that it stays out of the first page load.
 */
export async function connectSocket(): Promise<AppSocket> {
  const { io } = await import('socket.io-client');
  return io({ path: SOCKET_PATH, withCredentials: true });
}
