import { Injectable } from '@nestjs/common';
import type { ServerToClientEvents } from '@tiaojie/contracts';
import type { Server } from 'socket.io';

/**
 * The one place services emit socket events from, so who receives what is reviewable here.
 * Rooms are derived on the server: `user:<id>` for one account's sockets.
 */
@Injectable()
export class RealtimeEmitter {
  private server: Server | null = null;

  attach(server: Server) {
    this.server = server;
  }

  toUser<E extends keyof ServerToClientEvents>(userId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>) {
    this.server?.to(`user:${userId}`).emit(event, ...(args as unknown as never[]));
  }
}
