import { ConfigError, validateEnv } from './env';

describe('configuration validated at start-up', () => {
  it('applies defaults for development', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 3000, DATA_DIR: './.data', DEV_TOOLS: true, SEED_DEMO: true, COOKIE_SECURE: false });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable in one clear error', () => {
    expect(() => validateEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      validateEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/DATABASE_URL must start with postgres/);
      expect(message).toMatch(/LOG_LEVEL/);
    }
  });

  it('requires real secrets in production and turns development tools off there', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required in production[\s\S]*ID_ENCRYPTION_KEY/);
    const env = validateEnv({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      ID_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(env).toMatchObject({ DEV_TOOLS: false, SEED_DEMO: false, COOKIE_SECURE: true });
  });
});
