import { resolveConfig, type AppConfig } from './app-config';
import { ConfigError, validateEnv } from './env';

/**
 * A process's configuration from its environment, for the entry points (API, worker, storage
 * migration): a bad environment is printed and the process exits 78 (EX_CONFIG).
 */
export function configOrExit(env: Record<string, unknown>): AppConfig {
  try {
    return resolveConfig(validateEnv(env));
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
}
