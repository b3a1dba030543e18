import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LIMITS } from '@tiaojie/contracts';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { toErrorBody } from './common/exception.filter';
import { assignRequestId } from './common/request-id';
import { TransportGuard, apiNoStore } from './common/transport';
import { createValidationPipe } from './common/validation';
import { serveWebClient } from './common/web-client';
import { httpMetrics, socketMetrics } from './metrics/instrument';
import { Metrics } from './metrics/metrics.service';
import { RealtimeIoAdapter } from './realtime/io-adapter';

/**
 * Builds the whole application — used by main.ts and by the integration tests, so the tests
 * exercise exactly what runs in production.
 */
export async function createApp(options: AppModuleOptions): Promise<NestExpressApplication> {
  const { config } = options;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.set('trust proxy', config.env.TRUST_PROXY);
  app.set('x-powered-by', false);
  // First: every response, errors before the logger included, carries the request id.
  app.use(assignRequestId);
  // Issue #14: latency by route template, for every response (refusals and errors included).
  app.use(httpMetrics(app.get(Metrics)));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          mediaSrc: ["'self'", 'blob:'],
          upgradeInsecureRequests: config.isProduction ? [] : null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  // The web build (precompressed, cached by hash) outside /api; none in a worker process.
  if (!options.worker) serveWebClient(app, config.env.WEB_DIST);
  app.enableCors({ origin: config.corsOrigins, credentials: true });
  app.use(cookieParser());
  app.use(apiNoStore);
  app.useBodyParser('json', { limit: LIMITS.jsonBodyBytes });
  // Errors raised by Express middleware (a body too large, malformed JSON) never reach Nest's
  // filters: answer them here in the same ErrorBody shape.
  app.use((err: unknown, req: Request & { id?: unknown }, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const { body } = toErrorBody(err, req.id ? String(req.id) : undefined);
    res.status(body.statusCode).json(body);
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  // Before the auth guard: Origin/Referer and body content type of state-changing routes.
  app.useGlobalGuards(new TransportGuard(config));
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, config, socketMetrics(app.get(Metrics))));

  const docs = new DocumentBuilder()
    .setTitle('Tiaojie API')
    .setDescription('Online dispute resolution: accounts, cases, separate sessions, settlement, judicial confirmation')
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth('tj_at')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, docs), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
