/**
 * Server configuration, parsed once from the environment (reject, never repair: a malformed value stops
 * the start with a message naming the variable).
 */
import { resolve } from 'node:path';

export interface ServerConfig {
  /** postgres:// URL of an external server; absent → embedded PostgreSQL in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly embeddedPort: number;
  readonly host: string;
  readonly port: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Cookies carry the Secure flag and the __Host- prefix (browsers accept both on http://localhost). */
  readonly production: boolean;
  /** Public addresses (https://ketaflow.clinic.example) accepted as Origin behind a proxy. */
  readonly publicOrigins: readonly string[];
  /** Seconds between outbox worker cycles (reminders); 0 turns the worker off. */
  readonly outboxIntervalS: number;
  /** Seconds between cohort-row refresh passes (analytics from real records); 0 turns it off. */
  readonly analyticsRefreshIntervalS: number;
}

export class ConfigError extends Error {}

function port(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^[0-9]{1,5}$/.test(raw) || Number(raw) > 65535) {
    throw new ConfigError(`${name} must be a port number between 0 and 65535, got "${raw}".`);
  }
  return Number(raw);
}

/** Whole seconds between runs of a background job; 0 turns the job off. */
function intervalSeconds(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: string,
  job: string,
): number {
  const raw = env[name] ?? fallback;
  if (!/^[0-9]{1,6}$/.test(raw)) {
    throw new ConfigError(`${name} must be whole seconds (0 turns ${job} off), got "${raw}".`);
  }
  return Number(raw);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!(logLevels as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${logLevel}".`);
  }
  const databaseUrl = env.DATABASE_URL === '' ? undefined : env.DATABASE_URL;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://.');
  }
  const embeddedPort = port('KETAFLOW_DB_PORT', env.KETAFLOW_DB_PORT, 54329);
  if (embeddedPort === 5432) {
    throw new ConfigError(
      'KETAFLOW_DB_PORT must not be 5432: that port belongs to a system PostgreSQL.',
    );
  }
  const publicOrigins = (env.KETAFLOW_PUBLIC_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of publicOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(
        `KETAFLOW_PUBLIC_ORIGINS must list origins like https://ketaflow.clinic.example, got "${origin}".`,
      );
    }
  }
  return {
    databaseUrl,
    outboxIntervalS: intervalSeconds(env, 'KETAFLOW_OUTBOX_INTERVAL_S', '300', 'the outbox worker'),
    analyticsRefreshIntervalS: intervalSeconds(
      env,
      'KETAFLOW_ANALYTICS_REFRESH_INTERVAL_S',
      '900',
      'the cohort-row refresh',
    ),
    publicOrigins,
    dataDir: resolve(env.KETAFLOW_DATA_DIR ?? 'data'),
    embeddedPort,
    host: env.HOST ?? '127.0.0.1',
    port: port('PORT', env.PORT, 3000),
    logLevel: logLevel as ServerConfig['logLevel'],
    production: env.NODE_ENV === 'production',
  };
}
