import { configOrExit } from './config/config-or-exit';
import { SystemClock } from './common/clock';
import { createApp } from './bootstrap';
import { SeedService } from './database/seeds/seed.service';

async function main() {
  const config = configOrExit(process.env);
  const app = await createApp({ config, clock: new SystemClock() });
  if (config.env.SEED_DEMO) await app.get(SeedService).seedIfEmpty({ print: true });
  await app.listen(config.env.PORT, config.env.HOST);
  const url = `http://localhost:${config.env.PORT}`;
  const db = config.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}/pglite`;
  console.log(`\nTiaojie is running at ${url}  (API ${url}/api, docs ${url}/api/docs; database: ${db})\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
