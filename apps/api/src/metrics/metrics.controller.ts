import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../accounts/auth.guard';
import { AppException } from '../common/app-exception';
import { AppConfig } from '../config/app-config';
import { Metrics } from './metrics.service';

const digest = (s: string) => createHash('sha256').update(s).digest();
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Issue #14: GET /api/metrics in Prometheus' text format. With METRICS_TOKEN set, only with
 * `Authorization: Bearer <token>` (401 otherwise); without it, only from loopback and not
 * through a proxy (403 otherwise). nginx refuses the path from outside either way.
 */
@ApiExcludeController()
@Controller('metrics')
@Public()
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = this.config.env.METRICS_TOKEN;
    if (token) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(given), digest(token))) throw new AppException('UNAUTHENTICATED', 'A metrics token is needed (Authorization: Bearer METRICS_TOKEN)');
    } else if (!LOOPBACK.has(req.socket.remoteAddress ?? '') || req.headers['x-forwarded-for']) {
      throw new AppException('FORBIDDEN', 'Metrics are served to loopback only unless METRICS_TOKEN is set');
    }
    const body = await this.metrics.registry.metrics();
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(body);
  }
}
