import pino from 'pino';
import { createZeebeClient } from '../../lib/camunda';
import { createPrisma } from '../../lib/db';
import { loadWorkersConfig } from './config';
import { startQueueProcessors } from './queues';
import { startWorkers } from './registry';

async function main() {
  const config = loadWorkersConfig();
  const log = pino({ name: 'workers', level: config.LOG_LEVEL });
  const db = createPrisma(config.DATABASE_URL);
  const zeebe = createZeebeClient(config);
  const workers = startWorkers(zeebe, { db, config, log });
  const processors = await startQueueProcessors({ db, config, log });
  log.info({ taskTypes: workers.map((w) => w.taskType) }, `workers started (${workers.length})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: no new jobs, waiting for jobs in flight');
    // close() stops polling and waits for active handlers; jobs it cannot finish in time
    // time out in the engine and are handed to another worker.
    await Promise.all(workers.map((w) => w.close(config.WORKER_SHUTDOWN_TIMEOUT_MS).catch(() => undefined)));
    await zeebe.close(config.WORKER_SHUTDOWN_TIMEOUT_MS).catch(() => undefined);
    await processors.close().catch(() => undefined);
    await db.$disconnect();
    log.info('workers stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
