import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { PGlite } from '@electric-sql/pglite';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { createPgliteDriver } from './pglite-pool';

/**
 * One set of options for both databases: a PostgreSQL server when a URL is given, else the
 * embedded PGlite. The same migrations run on both; `synchronize` is never on.
 */
export function dataSourceOptions(target: { url: string } | { pglite: PGlite }): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    logging: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; uuid-ossp is not in PGlite.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
  };
  if ('url' in target) {
    return { ...common, url: target.url, poolSize: 20, applicationName: 'tiaojie-api' };
  }
  return {
    ...common,
    driver: createPgliteDriver(target.pglite),
  };
}

/** Opens (and creates if new) the embedded database in a folder, or in memory without one. */
export async function openPglite(dataDir?: string): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  return PGlite.create(dataDir ? { dataDir } : {});
}

/**
 * For the TypeORM CLI (migration:generate / --check in CI): needs DATABASE_URL.
 * Run it on the built files: dist/apps/api/apps/api/src/database/data-source.js.
 */
export default new DataSource(dataSourceOptions({ url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' }));
