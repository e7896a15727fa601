import type { Redis } from 'ioredis';
import type { Db } from '../../../../lib/db';

export type ComponentHealth = { status: 'up' } | { status: 'down'; reason: string };

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err)) || 'unknown error';

async function probe(check: () => Promise<void>, timeoutMs: number): Promise<ComponentHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: 'up' };
  } catch (err) {
    return { status: 'down', reason: reasonOf(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** Asks the broker's topology over REST: up when every partition reports healthy. */
async function brokerTopology(restAddress: string, signal: AbortSignal) {
  const res = await fetch(new URL('/v2/topology', restAddress), { signal });
  if (!res.ok) throw new Error(`topology answered HTTP ${res.status}`);
  const topology = (await res.json()) as { brokers: { partitions: { health: string }[] }[] };
  const partitions = topology.brokers.flatMap((b) => b.partitions);
  if (partitions.length === 0) throw new Error('no partitions in the topology yet');
  const unhealthy = partitions.filter((p) => p.health !== 'healthy');
  if (unhealthy.length) throw new Error(`${unhealthy.length} of ${partitions.length} partitions not healthy`);
}

export function createHealthService(deps: { db: Db; redis: Redis; restAddress: string; timeoutMs: number }) {
  return async () => {
    const controller = new AbortController();
    const [broker, postgres, redis] = await Promise.all([
      probe(() => brokerTopology(deps.restAddress, controller.signal), deps.timeoutMs),
      probe(async () => void (await deps.db.$queryRaw`SELECT 1`), deps.timeoutMs),
      probe(async () => void (await deps.redis.ping()), deps.timeoutMs),
    ]);
    controller.abort();
    const components = { broker, postgres, redis };
    const up = Object.values(components).every((c) => c.status === 'up');
    return { status: up ? ('up' as const) : ('down' as const), components };
  };
}
