import { z } from 'zod';

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

/** Variables shared by every deployable that talks to the engine and the app database. */
export const commonEnv = {
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/zhizhi'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** The engine node's REST API (Operaton's /engine-rest). */
  ENGINE_REST_URL: z.string().url().default('http://127.0.0.1:8080/engine-rest'),
  ENGINE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /**
   * The AES-256-GCM key (64 hex digits) that seals secrets at rest (group robots' URLs and 加签
   * secrets). The default is for development and tests only: a deployment sets its own, and keeps
   * it, since robots sealed with one key do not open with another.
   */
  SECRETS_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, '64 hex digits (32 bytes)')
    .default('7a686968692d6465762d6f6e6c792d6b65792d6e6f742d666f722d70726f6421'),
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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};
