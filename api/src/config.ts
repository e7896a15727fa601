import path from 'node:path';
import { z } from 'zod';
import { fieldWorkEnv } from '../../lib/field-work-config';
import { attachmentStoreEnv, refuseDevelopmentStore } from '../../lib/attachments/attachment-store';
import { commonEnv, loadConfig, refuseWeakSecrets } from '../../lib/config';
import { encryptionKeySchema, FIELD_CIPHERS, sm4Available } from '../../lib/field-crypto';
import { isIsoDuration } from '../../lib/iso-duration';

const schema = z.object({
  ...commonEnv,
  /** The engine user the API calls as (HTTP basic): its own, so a worker's bad password cannot lock it. */
  ENGINE_USER: z.string().min(1).default('zhizhiApi'),
  ENGINE_PASSWORD: z.string().min(1).default('zhizhiApi'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** Set to true behind HTTPS so the session cookie is only sent over TLS. */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  WEB_DIR: z.string().default(path.resolve(__dirname, '..', '..', 'web', 'dist')),
  /**
   * The engine node whose webapps (Cockpit at /operaton/) admins reach through the API: its origin,
   * e.g. http://engine-1:8080. Default: the origin of ENGINE_REST_URL.
   */
  ENGINE_WEBAPP_URL: z.string().url().optional(),
  /**
   * Failed sign-ins within LOGIN_WINDOW_MINUTES: an account (by username) from any address, past
   * which it is refused everywhere (429) until the window ends; an account from one address, past
   * which it is refused from there. A successful sign-in clears both. An address's failures for
   * unknown usernames past LOGIN_MAX_FAILURES_PER_ADDRESS make its failed attempts wait
   * LOGIN_SLOW_DOWN_MS: an address never refuses anybody's correct password (one NAT, one office).
   */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_SLOW_DOWN_MS: z.coerce.number().int().min(0).max(30_000).default(2000),
  /**
   * Origins besides the app's own that may send state-changing requests to /api, comma-separated
   * (e.g. https://zhizhi.example.gov.cn,https://gw.example.gov.cn).
   */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().url())),
  /**
   * Base-map tile services for 一图感知, comma-separated XYZ URL templates drawn in order (e.g.
   * 天地图's vec_w then its cva_w labels); `{key}` in them is replaced by MAP_TILE_KEY. Empty: no base
   * map, the grid boundaries alone (an offline government network).
   */
  MAP_TILE_URLS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    // Templates, not URLs: a host may hold a subdomain range like t{0-7}.
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/?#\s]+(\/\S*)?$/))),
  MAP_TILE_KEY: z.string().default(''),
  /**
   * The coordinate system the tiles are drawn in: WGS84 (天地图 is CGCS2000, within centimetres of
   * it) or GCJ02 (高德, 腾讯); Zhizhi stores WGS-84 and shifts what it draws onto GCJ-02 tiles.
   */
  MAP_TILE_CRS: z.enum(['WGS84', 'GCJ02']).default('WGS84'),
  /** How long an admin's test message to a group robot waits for the robot's answer. */
  ROBOT_TEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  ...attachmentStoreEnv,
  ...fieldWorkEnv,
  /** Largest photo and largest video one upload may carry, in bytes (checked before and while reading). */
  ATTACHMENT_MAX_IMAGE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  ATTACHMENT_MAX_VIDEO_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  /** 红榜 from this score up, 黑榜 below that one (the rules the rankings page states). */
  RANKING_RED_MIN: z.coerce.number().min(0).max(100).default(90),
  RANKING_BLACK_BELOW: z.coerce.number().min(0).max(100).default(60),
  /**
   * Check every JSON answer against its route's answer schema, a mismatch being a 500 that names
   * it: the test suites turn it on, so a schema that drifts from what the API sends fails a test.
   */
  API_CHECK_ANSWERS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** How long a health probe waits for each dependency. */
  HEALTH_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  /**
   * The key for personal identifiers at rest (a key person's ID number and phones):
   * base64 of 32 bytes (`openssl rand -base64 32`). Required in production; elsewhere a
   * development key stands in, so demo data is never protected by a key worth keeping.
   */
  FIELD_ENCRYPTION_KEY: encryptionKeySchema.optional(),
  /**
   * The format new identifiers are written in: `aes-256-gcm` (v1) or `sm4` (v2, 国密 SM4 with an
   * SM3 MAC, lib/field-crypto.ts). Values of either format are read; `npm run fields:reencrypt`
   * rewrites stored ones in this format after a change.
   */
  FIELD_CIPHER: z.enum(FIELD_CIPHERS).default('aes-256-gcm'),
  /** 居民自主申报 through a building's QR page (no sign-in): declarations one address may send per window. */
  BASE_DECLARE_MAX_PER_ADDRESS: z.coerce.number().int().positive().default(10),
  BASE_DECLARE_WINDOW_MINUTES: z.coerce.number().int().positive().default(60),
  /** How long the team has to record an emergency (应急处置记录), an ISO 8601 duration. */
  PATIENT_EMERGENCY_RECORD_WINDOW: z
    .string()
    .refine(isIsoDuration, { message: 'ISO 8601 时长 / an ISO 8601 duration, e.g. PT24H' })
    .default('PT24H'),
});

/** The API stops at start-up in production on a missing, default or short secret. */
const checked = schema.superRefine((env, ctx) => {
  if (env.FIELD_CIPHER === 'sm4' && !sm4Available())
    ctx.addIssue({
      code: 'custom',
      path: ['FIELD_CIPHER'],
      message: '此 Node.js 的 OpenSSL 不含 SM4/SM3 / this Node.js has no SM4/SM3 in its OpenSSL',
    });
  refuseWeakSecrets(env, ctx, ['SECRETS_KEY', 'FIELD_ENCRYPTION_KEY', 'ENGINE_PASSWORD']);
  refuseDevelopmentStore(env, ctx);
});

/** Every variable the API reads (.env.example lists them all; a test holds it to that). */
export const API_VARIABLES = Object.keys(schema.shape);

export type ApiConfig = z.infer<typeof schema>;

export const loadApiConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(checked, env);
