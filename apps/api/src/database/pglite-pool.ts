import type { PGlite } from '@electric-sql/pglite';

/**
 * A `pg`-shaped driver over one embedded PGlite database, for TypeORM's postgres driver.
 *
 * PGlite is a single session. If two TypeORM query runners shared it, one request's COMMIT
 * would commit another request's half-done rows (PGlite is one session). So this pool hands the one
 * connection to one client at a time, from `connect` to `release`, and queues the rest —
 * exactly what a pg pool of size 1 does. Code inside a transaction must use the
 * transaction's EntityManager, never the DataSource, or it waits for itself.
 */
export function createPgliteDriver(db: PGlite) {
  let busy = false;
  const waiting: Array<() => void> = [];

  const acquire = () =>
    new Promise<void>((resolve) => {
      if (!busy) {
        busy = true;
        resolve();
      } else {
        waiting.push(resolve);
      }
    });
  const releaseLock = () => {
    const next = waiting.shift();
    if (next) next();
    else busy = false;
  };

  type Callback = (err: Error | null, result?: unknown) => void;

  async function run(sql: string | { text: string; values?: unknown[] }, params?: unknown[]) {
    const text = typeof sql === 'string' ? sql : sql.text;
    const values = typeof sql === 'string' ? params : (sql.values ?? params);
    if (values && values.length > 0) {
      const r = await db.query(text, values as unknown[]);
      return toPgResult(r, text);
    }
    // Parameterless text may hold several statements (migrations): answer with the last result.
    const results = await db.exec(text);
    const last = results[results.length - 1];
    return last ? toPgResult(last, text) : { rows: [], rowCount: 0, command: '', fields: [] };
  }

  // TypeORM reads `command` to shape UPDATE/DELETE results as pg does; PGlite does not report it.
  function toPgResult(r: { rows: unknown[]; affectedRows?: number; fields: unknown[] }, sql: string) {
    const command = /^\s*(?:WITH\b[\s\S]*?\)\s*)?(UPDATE|DELETE|INSERT|SELECT)\b/i.exec(sql)?.[1]?.toUpperCase() ?? '';
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length, command, fields: r.fields };
  }

  function makeClient(onRelease: () => void) {
    let released = false;
    return {
      query(sql: string, paramsOrCb?: unknown[] | Callback, cb?: Callback) {
        const params = typeof paramsOrCb === 'function' ? undefined : paramsOrCb;
        const callback = typeof paramsOrCb === 'function' ? paramsOrCb : cb;
        const p = run(sql, params);
        if (callback) {
          p.then(
            (r) => callback(null, r),
            (e) => callback(e),
          );
          return undefined;
        }
        return p;
      },
      on() {
        return this;
      },
      removeListener() {
        return this;
      },
      release() {
        if (!released) {
          released = true;
          onRelease();
        }
      },
    };
  }

  class Pool {
    on() {
      return this;
    }
    connect(cb?: (err: Error | null, client?: unknown, release?: () => void) => void) {
      const p = acquire().then(() => {
        const client = makeClient(releaseLock);
        return client;
      });
      if (cb) {
        p.then(
          (client) => cb(null, client, () => client.release()),
          (e) => cb(e),
        );
        return undefined;
      }
      return p;
    }
    async query(sql: string, params?: unknown[]) {
      await acquire();
      try {
        return await run(sql, params);
      } finally {
        releaseLock();
      }
    }
    end(cb?: (err?: Error | null) => void) {
      const p = db.close();
      if (cb) {
        p.then(
          () => cb(null),
          (e) => cb(e),
        );
        return undefined;
      }
      return p;
    }
  }

  return { Pool, defaults: {} };
}
