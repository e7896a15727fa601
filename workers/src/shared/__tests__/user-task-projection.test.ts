import pino from 'pino';
import { createTestStack, eventually } from '../../../../test/harness';
import { TEST_ENV } from '../../../../test/env';
import { loadWorkersConfig } from '../../config';
import type { Job } from '../../types';
import projection from '../user-task-projection.worker';
import { USER_TASK_JOB_TYPE } from '../user-task';

describe('user-task projection worker', () => {
  const stack = createTestStack();
  afterAll(() => stack.close());
  const handle = projection.handler({
    db: stack.prisma,
    config: loadWorkersConfig({ ...TEST_ENV }),
    log: pino({ level: 'silent' }),
  });

  it('writes one row per engine task however often the engine delivers it, keeping what users did', async () => {
    const { processInstanceKey } = await stack.camunda.createProcessInstance({
      bpmnProcessId: 'inbox-spike',
      variables: { unitCode: 'BA-XX-C01-G01', reviewDueDate: '2026-12-01T08:00:00.000Z' },
    });
    // Activate the real job as the worker would, then hand it to the handler twice.
    const job = await eventually(async () => {
      const jobs = await stack.camunda.activateJobs({
        type: USER_TASK_JOB_TYPE,
        worker: 'projection-test',
        maxJobsToActivate: 32,
        timeout: 600_000,
        requestTimeout: 2000,
      });
      return jobs.find((j) => j.processInstanceKey === processInstanceKey);
    });
    const delivered = { ...job, forward: () => 'JOB_ACTION_ACKNOWLEDGEMENT' } as unknown as Job;

    await handle(delivered);
    const first = await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: job.key } });
    expect(first).toMatchObject({
      name: '受理审核',
      orgId: 'BA-XX-C01-G01',
      orgPath: '/BA/BA-XX/BA-XX-C01/BA-XX-C01-G01/',
      dueDate: new Date('2026-12-01T08:00:00.000Z'),
      state: 'OPEN',
    });

    await stack.prisma.inboxTask.update({ where: { key: job.key }, data: { assignee: 'someone' } });
    await handle(delivered);
    const rows = await stack.prisma.inboxTask.findMany({ where: { processInstanceKey } });
    expect(rows).toHaveLength(1);
    expect(rows[0].assignee).toBe('someone');
    await stack.camunda.cancelProcessInstance(processInstanceKey);
  });
});
