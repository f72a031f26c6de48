import { z } from 'zod';
import { authConfigSchema } from '../auth/config.js';
import { storeConfigSchema } from '../store/config.js';
import { commaList, trustProxy, wholeNumber } from './fields.js';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const serverConfigSchema = z.object({
  PORT: wholeNumber({ min: 0, max: 65535, fallback: 3000 }),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === '' ? 'file:./data/app.db' : value)),
  TRUST_PROXY: trustProxy(),
  CORS_ORIGINS: commaList().pipe(
    z.array(
      z.string().refine((origin) => URL.canParse(origin) && new URL(origin).origin === origin, {
        error: 'must list origins such as https://app.example.com, without paths',
      }),
    ),
  ),
  LOG_LEVEL: z
    .enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` })
    .optional()
    .default('info'),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: wholeNumber({ min: 1, max: 1000, fallback: 5 }),
  LOGIN_MAX_FAILURES_PER_ADDRESS: wholeNumber({ min: 1, max: 100_000, fallback: 20 }),
  LOGIN_WINDOW_SECONDS: wholeNumber({ min: 1, max: 86_400, fallback: 900, unit: 'seconds' }),
});

/** Settings of the whole application, read from the environment once at start-up. */
export interface AppConfig {
  port: number;
  databaseUrl: string;
  trustProxy: false | number | string[];
  corsOrigins: string[];
  logLevel: (typeof logLevels)[number];
  loginLimits: { perAccount: number; perAddress: number; windowSeconds: number };
  auth: z.output<typeof authConfigSchema>;
  store: z.output<typeof storeConfigSchema>;
}

/** Thrown when the environment holds a missing, invalid or contradictory setting. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
}

/** Reads and validates every setting; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const server = serverConfigSchema.safeParse(env);
  const auth = authConfigSchema.safeParse(env);
  const store = storeConfigSchema.safeParse(env);
  if (!server.success || !auth.success || !store.success) {
    throw new ConfigError([
      ...(server.success ? [] : describeIssues(server.error)),
      ...(auth.success ? [] : describeIssues(auth.error)),
      ...(store.success ? [] : describeIssues(store.error)),
    ]);
  }

  return {
    port: server.data.PORT,
    databaseUrl: server.data.DATABASE_URL,
    trustProxy: server.data.TRUST_PROXY,
    corsOrigins: server.data.CORS_ORIGINS,
    logLevel: server.data.LOG_LEVEL,
    loginLimits: {
      perAccount: server.data.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      perAddress: server.data.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: server.data.LOGIN_WINDOW_SECONDS,
    },
    auth: auth.data,
    store: store.data,
  };
}
