import type { Redis } from 'ioredis';

/** Where a long request stands: its stage, how far it got and, when known, of how many. */
export interface Progress {
  stage: string;
  done: number;
  total: number | null;
  updatedAt: string;
}

/** A long request's own reporter: `report(stage, done, total)` as the work goes. */
export type ProgressReport = (stage: string, done: number, total?: number) => void;

const KEPT_SECONDS = 600;
/** Writes closer together than this are dropped (the last one of a stage always lands). */
const EVERY_MS = 250;

/**
 * Progress of long requests (试算 on a month of cases), readable by the caller while the request
 * runs. Kept in Redis so that the poll may reach any API node; keyed by the caller, so that nobody
 * reads another's. Best effort: a Redis failure loses a figure, never the request.
 */
export function createProgressStore(redis: Redis) {
  const keyOf = (userId: string, id: string) => `zhizhi:progress:${userId}:${id}`;
  return {
    reporter(userId: string, id: string | undefined): ProgressReport {
      if (!id) return () => undefined;
      let last = 0;
      let lastStage = '';
      return (stage, done, total) => {
        const now = Date.now();
        if (stage === lastStage && now - last < EVERY_MS) return;
        last = now;
        lastStage = stage;
        const value: Progress = { stage, done, total: total ?? null, updatedAt: new Date(now).toISOString() };
        redis.set(keyOf(userId, id), JSON.stringify(value), 'EX', KEPT_SECONDS).catch(() => undefined);
      };
    },
    async read(userId: string, id: string): Promise<Progress | null> {
      const raw = await redis.get(keyOf(userId, id));
      return raw ? (JSON.parse(raw) as Progress) : null;
    },
  };
}

export type ProgressStore = ReturnType<typeof createProgressStore>;

/** A request's progress id as clients send it. */
export const PROGRESS_ID = /^[A-Za-z0-9-]{8,64}$/;
