/**
 * The feed's orphan rule on the suite's own engine database: a row kept back for want of its task
 * waits while the task's creation row is still in the feed, however old it is (a consumer outage
 * makes the whole backlog old), and is dropped only when neither a creation row nor the inbox
 * knows the task.
 */
import { Client } from 'pg';
import { TEST_ENV } from '../../../../test/env';
import { suiteStack } from '../../../../test/harness';
import { orphanRows } from '../task-feed';
import type { FeedRow } from '../fold';

describe('task feed: rows waiting for their task', () => {
  // No workers: nothing consumes the rows this suite writes.
  const stack = suiteStack();
  const feed = new Client({ connectionString: TEST_ENV.ENGINE_DATABASE_URL });
  beforeAll(() => feed.connect());
  afterAll(() => feed.end());

  const insert = async (taskId: string, eventType: string, minutesAgo: number) =>
    (
      await feed.query<FeedRow>(
        `INSERT INTO zhizhi_task_feed (task_id, event_type, link_type, group_id, recorded_at)
         VALUES ($1, $2, $3, $4, now() - make_interval(mins => $5)) RETURNING *`,
        [
          taskId,
          eventType,
          eventType === 'create' ? null : 'candidate',
          eventType === 'create' ? null : 'unit:BA-XA-C01-G01',
          minutesAgo,
        ],
      )
    ).rows[0];

  it('keeps an hour-old group row whose creation row is still to come, and drops one of no task', async () => {
    const waiting = await insert('orphan-test-waiting', 'identity-link-add', 60);
    await insert('orphan-test-waiting', 'create', 60);
    const ghost = await insert('orphan-test-ghost', 'identity-link-add', 0);
    // Another consumer applied this task's creation and deleted its row meanwhile.
    const applied = await insert('orphan-test-applied', 'identity-link-add', 60);
    await stack.prisma.inboxTask.create({
      data: {
        key: 'orphan-test-applied',
        processInstanceId: 'pi',
        processDefinitionId: 'event-handling:1:x',
        bpmnProcessId: 'event-handling',
        elementId: 'handle',
        name: '处置',
        variables: {},
      },
    });
    expect(await orphanRows(feed, stack.prisma, [waiting, ghost, applied])).toEqual(new Set([ghost.id]));
    expect(await orphanRows(feed, stack.prisma, [])).toEqual(new Set());
  });
});
