import { Redis } from 'ioredis';
import pino from 'pino';
import { createFeedPosition } from '../../lib/engine/feed-position';
import { createProcessEngine } from '../../lib/engine/process-engine';
import { createPrisma } from '../../lib/db';
import { createQueues } from '../../lib/queues';
import { createApp } from './app';
import { loadApiConfig } from './config';

async function main() {
  const config = loadApiConfig();
  const log = pino({ name: 'api', level: config.LOG_LEVEL });
  const prisma = createPrisma(config.DATABASE_URL);
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis'));
  const engine = createProcessEngine(config);
  const queues = createQueues(config.REDIS_URL, (err) => log.warn({ err: err.message }, 'queue'));
  const feed = createFeedPosition(config.ENGINE_DATABASE_URL);
  const app = createApp({ prisma, engine, redis, queues, config, log, feed });
  const server = app.listen(config.PORT, config.HOST, () => {
    log.info(`Zhizhi API listening on http://localhost:${config.PORT}`);
  });

  const stop = async () => {
    server.close();
    await Promise.allSettled([prisma.$disconnect(), redis.quit(), queues.close(), feed.close()]);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection (contained)'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
