import { z } from 'zod';
import { DEFAULT_DIVISION_PREFIX, divisionPrefixSchema } from './address-code';

/** Raised at start-up when an environment variable has a bad value; the message names it. */
export class ConfigError extends Error {}

/**
 * Parse the environment with a zod object schema whose keys are variable names.
 * Every deployable has one typed config built this way and stops at start-up on a bad value.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`配置错误 / invalid configuration — ${problems.join('; ')}`);
}

/** A process's config at start-up, or the one line naming what is wrong (stderr) and exit code 1. */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

/** Development-only keys: known to anyone who reads this repository, so production refuses them. */
export const DEVELOPMENT_SECRETS_KEY = '7a686968692d6465762d6f6e6c792d6b65792d6e6f742d666f722d70726f6421';
export const DEVELOPMENT_FIELD_KEY = Buffer.alloc(32, 'zhizhi-development-only').toString('base64');

/**
 * Values published in this repository (code defaults, the demo, tests, the old compose file):
 * a production start refuses them whatever their length.
 */
const KNOWN_DEFAULT_SECRETS = new Set([
  DEVELOPMENT_SECRETS_KEY,
  DEVELOPMENT_FIELD_KEY,
  Buffer.alloc(32, 'zhizhi-test-key').toString('base64'),
  'admin',
  'zhizhi',
  'zhizhiApi',
  'zhizhiWorkers',
  'zhizhi-minio-secret',
  'minioadmin',
  'postgres',
  'password',
  'changeme',
]);

/** Shortest value a production start accepts for a password-like secret. */
export const MIN_SECRET_LENGTH = 16;

/**
 * With NODE_ENV=production, each named secret must be set, not a known default and at least
 * MIN_SECRET_LENGTH characters (keys have fixed formats checked by their own schemas). One issue
 * per variable, so the start-up line names every one that is wrong.
 */
export function refuseWeakSecrets(
  env: Record<string, unknown>,
  ctx: z.RefinementCtx,
  names: readonly string[],
) {
  if (env.NODE_ENV !== 'production') return;
  for (const name of names) {
    const value = env[name];
    const message =
      typeof value !== 'string' || value === ''
        ? '生产环境必须设置 / required in production'
        : KNOWN_DEFAULT_SECRETS.has(value)
          ? '不得使用默认值 / a known default is refused in production'
          : value.length < MIN_SECRET_LENGTH
            ? `至少 ${MIN_SECRET_LENGTH} 个字符 / at least ${MIN_SECRET_LENGTH} characters in production`
            : undefined;
    if (message) ctx.addIssue({ code: 'custom', path: [name], message });
  }
}

/** Variables shared by every deployable that talks to the engine and the app database. */
export const commonEnv = {
  /** `production` turns on the refusals of weak secrets (refuseWeakSecrets) and of demo shortcuts. */
  NODE_ENV: z.string().default('development'),
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/zhizhi'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** The engine node's REST API (Operaton's /engine-rest). */
  ENGINE_REST_URL: z.string().url().default('http://127.0.0.1:8080/engine-rest'),
  ENGINE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /**
   * The district's 6-digit administrative-division code (GB/T 2260), the start of every building's
   * and room's address code (lib/address-code.ts); 440306 is 深圳市宝安区.
   */
  ADDRESS_DIVISION_PREFIX: divisionPrefixSchema.default(DEFAULT_DIVISION_PREFIX),
  /**
   * The engine's own database, where its transactions write the task feed the inbox is built
   * from: the workers consume it; the API reads where it stands for a task it has just changed.
   */
  ENGINE_DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/zhizhi_engine'),
  /**
   * The AES-256-GCM key (64 hex digits) that seals secrets at rest (group robots' URLs and 加签
   * secrets). The default is for development and tests only: a deployment sets its own, and keeps
   * it, since robots sealed with one key do not open with another. Production refuses the default.
   */
  SECRETS_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, '64 hex digits (32 bytes)')
    .default(DEVELOPMENT_SECRETS_KEY),
  /** The hosts group robots may be called at, comma-separated: WeCom, DingTalk and Feishu by default. */
  ROBOT_ALLOWED_HOSTS: z
    .string()
    .default('qyapi.weixin.qq.com,oapi.dingtalk.com,open.feishu.cn')
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** Lets tests' local stand-in robots on 127.0.0.1 be called; refused outside NODE_ENV=test. */
  ROBOT_ALLOW_LOOPBACK: z
    .enum(['true', 'false'])
    .default('false')
    .refine((v) => v === 'false' || process.env.NODE_ENV === 'test', 'only with NODE_ENV=test')
    .transform((v) => v === 'true'),
  /**
   * Lets tests' local 舆情 feed servers on 127.0.0.1 be polled; refused outside NODE_ENV=test (a feed
   * on this host or a link-local address, such as a cloud's metadata service, is never polled).
   */
  OPINION_FEED_ALLOW_LOOPBACK: z
    .enum(['true', 'false'])
    .default('false')
    .refine((v) => v === 'false' || process.env.NODE_ENV === 'test', 'only with NODE_ENV=test')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};
