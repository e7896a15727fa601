import pino from 'pino';
import { createPrisma } from '../../lib/db';
import { createProcessEngine } from '../../lib/engine/process-engine';
import { loadWorkersConfig } from './config';
import { startQueueProcessors } from './queues';
import { startWorkers } from './registry';
import { startTaskFeed } from './task-feed/task-feed';

async function main() {
  const config = loadWorkersConfig();
  const log = pino({ name: 'workers', level: config.LOG_LEVEL });
  const db = createPrisma(config.DATABASE_URL);
  const engine = createProcessEngine(config);
  const processors = await startQueueProcessors({ db, engine, config, log });
  const deps = { db, engine, config, log, queues: processors.queues };
  const workers = startWorkers(deps);
  const feed = startTaskFeed(deps);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: no new tasks, waiting for tasks in flight');
    // Tasks not finished in time keep their locks and are handed to another worker after them.
    await workers.close(config.WORKER_SHUTDOWN_TIMEOUT_MS).catch(() => undefined);
    await feed.close().catch(() => undefined);
    await processors.close().catch(() => undefined);
    await db.$disconnect();
    log.info('workers stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // A handler's stray rejection is logged and contained: one bad message never ends the process.
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection (contained)'));
  // Said only now, with the signal handlers in place: a supervisor may stop us from here on.
  log.info(
    { topics: workers.topics, workerId: workers.workerId },
    `workers started (${workers.topics.length})`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
