/**
 * Where the bytes of photos and videos live: the one module that knows. Local disk by default
 * (ATTACHMENTS_DIR); an S3-compatible bucket (MinIO, a cloud's object storage) when
 * ATTACHMENTS_S3_ENDPOINT is set. Keys are ours (random), never a user's file name.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Client } from 'minio';
import { z } from 'zod';
import { refuseWeakSecrets } from '../config';

export interface AttachmentStore {
  /** Writes the stream under `key`; rejects (and leaves nothing) when the stream errors. */
  put(key: string, body: Readable, meta: { contentType: string }): Promise<void>;
  get(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
  /** What the health of the store looks like, for logs: 'disk:/path' or 's3:bucket'. */
  readonly where: string;
}

/** Inside the checkout (and inside dist/, which a build replaces): development only. */
const DEVELOPMENT_ATTACHMENTS_DIR = path.resolve(__dirname, '..', '..', '.zhizhi', 'attachments');

const unsetWhenEmpty = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), inner);

/**
 * The store's variables, read by every process that holds the bytes: the API (uploads, reads)
 * and the workers (the daily purge of uploads no report claimed). Photos and videos of reports
 * live on local disk under ATTACHMENTS_DIR, or in an S3-compatible bucket when
 * ATTACHMENTS_S3_ENDPOINT is set (e.g. http://seaweedfs:8333 in docker-compose).
 */
export const attachmentStoreEnv = {
  ATTACHMENTS_DIR: z.string().min(1).default(DEVELOPMENT_ATTACHMENTS_DIR),
  // Empty counts as unset: compose passes `${ATTACHMENTS_S3_ENDPOINT:-}` through for the disk store.
  ATTACHMENTS_S3_ENDPOINT: unsetWhenEmpty(z.string().url().optional()),
  ATTACHMENTS_S3_BUCKET: z.string().min(3).default('zhizhi-attachments'),
  ATTACHMENTS_S3_ACCESS_KEY: unsetWhenEmpty(z.string().min(1).optional()),
  ATTACHMENTS_S3_SECRET_KEY: unsetWhenEmpty(z.string().min(1).optional()),
  ATTACHMENTS_S3_REGION: z.string().min(1).default('us-east-1'),
};

export type AttachmentStoreConfig = z.infer<z.ZodObject<typeof attachmentStoreEnv>>;

/**
 * Production refuses the store's weak keys, and the development directory: a build replaces
 * dist/, and the files with it.
 */
export function refuseDevelopmentStore(
  env: AttachmentStoreConfig & { NODE_ENV: string },
  ctx: z.RefinementCtx,
) {
  if (env.ATTACHMENTS_S3_ENDPOINT)
    refuseWeakSecrets(env, ctx, ['ATTACHMENTS_S3_ACCESS_KEY', 'ATTACHMENTS_S3_SECRET_KEY']);
  else if (env.NODE_ENV === 'production' && env.ATTACHMENTS_DIR === DEVELOPMENT_ATTACHMENTS_DIR)
    ctx.addIssue({
      code: 'custom',
      path: ['ATTACHMENTS_DIR'],
      message:
        '生产环境必须设置(或 ATTACHMENTS_S3_ENDPOINT)/ required in production (or ATTACHMENTS_S3_ENDPOINT)',
    });
}

function diskStore(dir: string): AttachmentStore {
  // Two levels of fan-out so one directory never holds every file of a district.
  const fileOf = (key: string) => path.join(dir, key.slice(0, 2), key);
  return {
    where: `disk:${dir}`,
    async put(key, body) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      try {
        await pipeline(body, createWriteStream(file, { flags: 'wx' }));
      } catch (err) {
        await rm(file, { force: true });
        throw err;
      }
    },
    async get(key) {
      const file = fileOf(key);
      await stat(file);
      return createReadStream(file);
    },
    remove: (key) => rm(fileOf(key), { force: true }),
  };
}

function s3Store(config: AttachmentStoreConfig): AttachmentStore {
  const endpoint = new URL(config.ATTACHMENTS_S3_ENDPOINT!);
  const client = new Client({
    endPoint: endpoint.hostname,
    port: endpoint.port ? Number(endpoint.port) : undefined,
    useSSL: endpoint.protocol === 'https:',
    accessKey: config.ATTACHMENTS_S3_ACCESS_KEY ?? '',
    secretKey: config.ATTACHMENTS_S3_SECRET_KEY ?? '',
    region: config.ATTACHMENTS_S3_REGION,
    pathStyle: true,
  });
  const bucket = config.ATTACHMENTS_S3_BUCKET;
  // A fresh MinIO has no bucket: made on the first upload, once per process.
  let ready: Promise<void> | undefined;
  const ensureBucket = () =>
    (ready ??= client
      .bucketExists(bucket)
      .then((exists) => (exists ? undefined : client.makeBucket(bucket, config.ATTACHMENTS_S3_REGION)))
      .catch((err) => {
        ready = undefined;
        throw err;
      }));
  return {
    where: `s3:${bucket}`,
    async put(key, body, meta) {
      await ensureBucket();
      await client.putObject(bucket, key, body, undefined, { 'Content-Type': meta.contentType });
    },
    get: (key) => client.getObject(bucket, key),
    remove: (key) => client.removeObject(bucket, key),
  };
}

export function createAttachmentStore(config: AttachmentStoreConfig): AttachmentStore {
  return config.ATTACHMENTS_S3_ENDPOINT ? s3Store(config) : diskStore(config.ATTACHMENTS_DIR);
}
