import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { SystemClock } from './common/clock';
import { configOrExit } from './config/config-or-exit';
import { NotificationDispatcher } from './notifications/dispatcher.service';

/**
 * The notification worker as its own process (`npm run worker`): with REDIS_URL it consumes
 * the BullMQ queue the API processes feed; without, it polls the outbox itself. It serves no
 * HTTP. Run as many as needed; rows and jobs are never taken twice.
 */
async function main() {
  const config = configOrExit({ ...process.env, WORKER_IN_PROCESS: 'true' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, clock: new SystemClock(), worker: true }), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  app.get(NotificationDispatcher).startWorker();
  app.get(Logger).log(`notification worker running (${config.env.REDIS_URL ? 'BullMQ queue' : 'polling the outbox'})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
