import type { NextFunction, Request, Response } from 'express';
import type { Server, Socket } from 'socket.io';
import type { Metrics } from './metrics.service';

/**
 * HTTP latency by route template (`/api/cases/:id`, never the raw URL: ids would make a
 * series each); requests no route took (scanners, typos) share `unmatched`.
 */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      end({ method: req.method, route: typeof route === 'string' ? route : 'unmatched', status: String(res.statusCode) });
    });
    next();
  };
}

/**
 * Socket connections and events, and message:send from receipt to its acknowledgement — all
 * from socket.io middleware, outside the handlers: the ack the handler calls is wrapped.
 */
export function socketMetrics(metrics: Metrics) {
  return (server: Server) => {
    server.on('connection', (socket: Socket) => {
      metrics.socketConnections.inc();
      socket.once('disconnect', () => metrics.socketConnections.dec());
      socket.use((packet, next) => {
        const event = metrics.eventLabel(packet[0]);
        metrics.socketEvents.inc({ event });
        const ack = packet[packet.length - 1];
        if (event === 'message:send' && typeof ack === 'function') {
          const end = metrics.messageSend.startTimer();
          packet[packet.length - 1] = (...args: unknown[]) => {
            end();
            return ack(...args);
          };
        }
        next();
      });
    });
  };
}
