/**
 * Queue `engine-outbox`, every ENGINE_OUTBOX_INTERVAL_MS: delivers what the API committed for the
 * engine and could not deliver itself (the engine was away, or the API went away between its
 * commit and its call): case starts (lib/engine-starts.ts), then changes to running instances
 * (lib/engine-commands.ts). Idempotent by each row's lease: a start the engine took before its
 * answer was lost is linked, not repeated; a message already delivered is not sent again.
 */
import { deliverPendingCommands } from '../../../lib/engine-commands';
import { deliverPendingStarts } from '../../../lib/engine-starts';
import type { QueueDeps } from './types';

export async function deliverOutbox({
  db,
  engine,
  config,
  log,
}: Pick<QueueDeps, 'db' | 'engine' | 'config' | 'log'>) {
  const starts = await deliverPendingStarts(db, engine, config.ENGINE_OUTBOX_AFTER_MS);
  if (starts.started || starts.refused) log.warn(starts, 'case starts delivered by the workers');
  const commands = await deliverPendingCommands(db, engine, config.ENGINE_OUTBOX_AFTER_MS);
  if (commands.done || commands.refused) log.warn(commands, 'engine commands delivered by the workers');
  return { starts, commands };
}

export const engineOutboxProcessor = (deps: QueueDeps) => () => deliverOutbox(deps);
