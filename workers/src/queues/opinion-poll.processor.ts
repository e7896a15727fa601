/**
 * Queue `opinion-poll`, every OPINION_POLL_INTERVAL_MS: each active 舆情 feed whose own interval
 * has passed is polled once (lib/opinion/opinion-intake.ts claims it, so several workers
 * processes never poll it twice).
 */
import { pollDueSources } from '../../../lib/opinion/opinion-intake';
import type { QueueDeps } from './types';

export const opinionPollProcessor =
  ({ db, log, config }: QueueDeps) =>
  async () => {
    const { polled } = await pollDueSources(db, new Date(), {
      allowLoopback: config.OPINION_FEED_ALLOW_LOOPBACK,
    });
    if (polled.length) log.info({ polled }, 'opinion feeds polled');
    return { polled };
  };
