/**
 * What a suite starts from (test/suite-environment.ts runs these around every suite): its own
 * app database cloned from its worker's template, its worker's Redis db emptied, and its worker's
 * engine rid of what the suite before it left there — running instances (their timers would
 * create tasks in this suite's inbox) and the history of all, its own deployments, and unread rows
 * of the inbox feed (a queue the workers delete from).
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { adminDatabaseUrl, engineEnv, redisUrl, templateDatabase } from './env';

export const ENGINE_AUTH = { ENGINE_USER: 'zhizhiApi', ENGINE_PASSWORD: 'zhizhiApi' };

/** The deployments engine k had when its template was made (written by test/test-stack.ts). */
export const engineBaseDeployments = (worker: number) =>
  path.join(engineEnv(worker).ZHIZHI_ENGINE_STATE, 'base-deployments.json');

async function admin(sql: string) {
  const pg = new Client({ connectionString: adminDatabaseUrl() });
  await pg.connect();
  try {
    await pg.query(sql);
  } finally {
    await pg.end();
  }
}

async function engineCall<T>(worker: number, method: string, what: string): Promise<T | undefined> {
  const res = await fetch(`${engineEnv(worker).ENGINE_REST_URL}${what}`, {
    method,
    headers: { Authorization: `Basic ${btoa(`${ENGINE_AUTH.ENGINE_USER}:${ENGINE_AUTH.ENGINE_PASSWORD}`)}` },
  });
  // 404: an instance that ended, or went with its parent, since it was listed.
  if (!res.ok && res.status !== 404)
    throw new Error(`engine ${method} ${what}: ${res.status} ${await res.text()}`);
  return res.status === 200 ? ((await res.json()) as T) : undefined;
}

const SKIP = 'skipCustomListeners=true&skipIoMappings=true';

/** Deletes what `list` lists, a page at a time, a few calls at once, until it lists nothing. */
async function deleteAll(worker: number, list: string, one: (id: string) => string) {
  for (;;) {
    const page = (await engineCall<{ id: string }[]>(worker, 'GET', `${list}?maxResults=200`)) ?? [];
    if (!page.length) return;
    for (let i = 0; i < page.length; i += 8)
      await Promise.all(page.slice(i, i + 8).map(({ id }) => engineCall(worker, 'DELETE', one(id))));
  }
}

async function clearEngine(worker: number) {
  let base: string[];
  try {
    base = JSON.parse(readFileSync(engineBaseDeployments(worker), 'utf8')) as string[];
  } catch {
    // The engine was not prepared by test/test-stack.ts: nothing to tell its own deployments by.
    base = [];
  }
  const deployments = (await engineCall<{ id: string }[]>(worker, 'GET', '/deployment')) ?? [];
  if (base.length)
    for (const { id } of deployments.filter((d) => !base.includes(d.id)))
      await engineCall(worker, 'DELETE', `/deployment/${id}?cascade=true&${SKIP}`);
  await deleteAll(
    worker,
    '/process-instance',
    (id) => `/process-instance/${id}?${SKIP}&skipSubprocesses=false`,
  );
  // Their history too: case numbers start again in every suite's database, and a lookup by
  // business key (a repeated case start, lib/engine-starts.ts) found the instance of an earlier suite's case of that number.
  await deleteAll(worker, '/history/process-instance', (id) => `/history/process-instance/${id}`);
  const feed = new Client({ connectionString: engineEnv(worker).ENGINE_DATABASE_URL });
  await feed.connect();
  try {
    await feed.query('DELETE FROM zhizhi_task_feed');
  } finally {
    await feed.end();
  }
}

export async function startSuiteState(db: string, worker: number) {
  await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${db}" TEMPLATE "${templateDatabase(worker)}"`);
  const redis = new Redis(redisUrl(worker), { maxRetriesPerRequest: 1 });
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
  await clearEngine(worker);
}

export const dropSuiteDatabase = (db: string) => admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
