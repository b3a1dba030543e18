import { DynamicModule, Module, RequestMethod, type Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { PGlite } from '@electric-sql/pglite';
import { LoggerModule } from 'nestjs-pino';
import { join } from 'node:path';
import { AccountsModule } from './accounts/accounts.module';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { CalendarModule } from './calendar/calendar.module';
import { Clock } from './common/clock';
import { AllExceptionsFilter } from './common/exception.filter';
import { requestIdFor } from './common/request-id';
import { AppConfig } from './config/app-config';
import { dataSourceOptions, openPglite } from './database/data-source';
import { DevModule } from './dev/dev.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { MembershipReaderModule } from './organisations/membership-reader.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { RealtimeModule } from './realtime/realtime.module';
import { SettingsModule } from './settings/settings.module';
import { CasesModule } from './cases/cases.module';
import { MediationModule } from './mediation/mediation.module';
import { SettlementModule } from './settlement/settlement.module';
import { ConfirmationModule } from './confirmation/confirmation.module';
import { SeedService } from './database/seeds/seed.service';
import { PerformanceModule } from './performance/performance.module';
import { EndingModule } from './ending/ending.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { StatisticsModule } from './statistics/statistics.module';
import { MediatorsModule } from './mediators/mediators.module';

export interface AppModuleOptions {
  config: AppConfig;
  clock: Clock;
  /** An already-open embedded database (tests); otherwise one is opened in DATA_DIR. */
  pglite?: PGlite;
  /** A worker process: no web client, no demo tools. */
  worker?: boolean;
}

@Module({})
export class AppModule {
  static forRoot({ config, clock, pglite, worker }: AppModuleOptions): DynamicModule {
    const env = config.env;
    const globals: Provider[] = [
      { provide: AppConfig, useValue: config },
      { provide: Clock, useValue: clock },
    ];
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          // Express 5 route syntax (the default '*' triggers a legacy-path warning).
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: env.LOG_LEVEL,
            genReqId: requestIdFor,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (req) => req.url?.startsWith('/api/health') === true || req.url === '/api/metrics' },
            customProps: () => ({ service: 'tiaojie-api' }),
          },
        }),
        TypeOrmModule.forRootAsync({
          useFactory: async () => ({
            ...dataSourceOptions(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pglite: pglite ?? (await openPglite(join(config.dataDir, 'pglite'))) }),
            migrationsRun: true,
          }),
        }),
        ThrottlerModule.forRoot([{ name: 'auth', ttl: 60_000, limit: env.AUTH_RATE_LIMIT_PER_MINUTE }]),
        AuditModule,
        SettingsModule,
        CalendarModule,
        AccountsModule,
        OrganisationsModule,
        MembershipReaderModule,
        HealthModule,
        MetricsModule,
        RealtimeModule,
        CasesModule,
        MediationModule,
        SettlementModule,
        ConfirmationModule,
        PerformanceModule,
        EndingModule,
        ComplaintsModule,
        StatisticsModule,
        AdminModule,
        MediatorsModule,
        ...(env.DEV_TOOLS && !worker ? [DevModule] : []),
      ],
      providers: [...globals, { provide: APP_FILTER, useClass: AllExceptionsFilter }, SeedService],
      exports: globals,
    };
  }
}
