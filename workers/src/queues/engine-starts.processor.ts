/**
 * Queue `engine-starts`, every ENGINE_START_INTERVAL_MS: delivers the case starts the API could
 * not (lib/engine-starts.ts): the engine was away, or the API went away between its commit and
 * its call. Idempotent by the row's lease and the case's business key: a start the engine took
 * before its answer was lost is linked, not repeated.
 */
import { deliverPendingStarts } from '../../../lib/engine-starts';
import type { QueueDeps } from './types';

export async function deliverStarts({
  db,
  engine,
  config,
  log,
}: Pick<QueueDeps, 'db' | 'engine' | 'config' | 'log'>) {
  const counts = await deliverPendingStarts(db, engine, config.ENGINE_START_AFTER_MS);
  if (counts.started || counts.refused) log.warn(counts, 'case starts delivered by the workers');
  return counts;
}

export const engineStartsProcessor = (deps: QueueDeps) => () => deliverStarts(deps);
