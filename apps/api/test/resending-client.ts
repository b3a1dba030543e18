import type { ClientToServerEvents, JoinCaseAck, SendMessageAck, ServerToClientEvents } from '@tiaojie/contracts';
import { io, type Socket } from 'socket.io-client';
import { sleep } from './harness';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A client as the web's outbox behaves: each message has a client id; it is sent again (same id)
 * until acknowledged — after a timeout, a refusal worth retrying, or a lost connection — and the
 * socket reconnects by itself and re-joins the case (rooms are derived anew by the server).
 */
export function resendingClient(url: string, token: string, caseId: string) {
  const socket: ClientSocket = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: true, reconnectionDelay: 50, reconnectionDelayMax: 250, forceNew: true });
  let joined: Promise<boolean> = Promise.resolve(false);
  const join = () =>
    (joined = socket
      .timeout(3000)
      .emitWithAck('case:join', { caseId })
      .then(
        (ack: JoinCaseAck) => ack.ok,
        () => false,
      ));
  socket.on('connect', () => void join());
  let attempts = 0;
  let refusals = 0;
  async function send(channelId: string, clientId: string, body: string) {
    for (;;) {
      attempts++;
      if (!socket.connected || !(await joined)) {
        await sleep(30);
        if (socket.connected && !(await joined)) join();
        continue;
      }
      try {
        const ack: SendMessageAck = await socket.timeout(2000).emitWithAck('message:send', { channelId, clientId, body });
        if (ack.ok) return ack;
        refusals++;
      } catch {
        // No acknowledgement (the server went away mid-request): stored or not, send again.
      }
      await sleep(30);
    }
  }
  return { socket, send, stats: () => ({ attempts, refusals }) };
}
