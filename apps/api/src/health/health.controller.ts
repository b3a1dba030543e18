import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiHealth } from '@tiaojie/contracts';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../accounts/auth.guard';
import { RedisHealthIndicator } from './redis-health';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** 200 when the database answers; 503 with the failing check otherwise (kept for older probes: see /ready). */
  @Get()
  @HealthCheck()
  check(): Promise<ApiHealth> {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 3000 })]);
  }

  /** Issue #14, liveness: the process runs and its event loop answers. Restart it only when this fails. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up (no dependency checked)' })
  @HealthCheck()
  live(): Promise<ApiHealth> {
    return this.health.check([]);
  }

  /** Issue #14, readiness: the database answers, and Redis when configured; 503 takes the process out of the balancer. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL, and Redis when REDIS_URL is set' })
  @HealthCheck()
  ready(): Promise<ApiHealth> {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 3000 }), ...(this.redis.configured ? [() => this.redis.ping('redis', 2000)] : [])]);
  }
}
