import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Env } from './env';

/** Validated configuration plus the secrets resolved from it, injected everywhere as AppConfig. */
export class AppConfig {
  constructor(
    readonly env: Env,
    readonly jwtSecret: string,
    /** 32-byte key for ID numbers at rest (AES-256-GCM) and their lookup HMAC. */
    readonly idKey: Buffer,
  ) {}

  get isProduction() {
    return this.env.NODE_ENV === 'production';
  }

  get dataDir() {
    return resolve(this.env.DATA_DIR);
  }

  get emailEnabled(): boolean {
    return !!this.env.SMTP_URL;
  }

  /** Base of links in messages (no trailing slash). */
  get publicUrl(): string {
    return (this.env.PUBLIC_URL ?? `http://localhost:${this.env.PORT}`).replace(/\/+$/, '');
  }

  get corsOrigins(): string[] {
    return this.env.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
}

/**
 * Outside production, missing secrets are generated once and kept in DATA_DIR/secrets.json
 * (never in git), so a restart keeps sessions and can still decrypt stored ID numbers.
 */
export function resolveConfig(env: Env): AppConfig {
  let jwtSecret = env.JWT_SECRET;
  let idKey = env.ID_ENCRYPTION_KEY;
  if (!jwtSecret || !idKey) {
    const dir = resolve(env.DATA_DIR);
    const file = join(dir, 'secrets.json');
    let stored: { jwtSecret?: string; idKey?: string } = {};
    if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
    if (!stored.jwtSecret || !stored.idKey) {
      stored = { jwtSecret: stored.jwtSecret ?? randomBytes(32).toString('base64'), idKey: stored.idKey ?? randomBytes(32).toString('base64') };
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    }
    jwtSecret ??= stored.jwtSecret;
    idKey ??= stored.idKey;
  }
  if (!jwtSecret || !idKey) throw new Error('JWT_SECRET and ID_ENCRYPTION_KEY are needed');
  return new AppConfig(env, jwtSecret, Buffer.from(idKey, 'base64'));
}
