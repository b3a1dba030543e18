import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

export type SessionEndReason = 'logout' | 'disabled' | 'expired';

/**
 * In-process signal that sessions ended, so the socket gateway can disconnect their sockets
 * at once. The gateway disconnects through socket.io rooms, which the Redis adapter spreads
 * to every API process.
 */
@Injectable()
export class SessionEvents extends EventEmitter {
  sessionEnded(sessionId: string, reason: SessionEndReason) {
    this.emit('session-ended', { sessionId, reason });
  }
  userSessionsEnded(userId: string, reason: SessionEndReason) {
    this.emit('user-sessions-ended', { userId, reason });
  }
}
