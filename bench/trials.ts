/**
 * 试算 at a district's size (`npm run bench -- data`, after the shared data set of 1,000,000 tasks):
 * an SLA draft that shortens one category's limits (5/10 working days to 2/5) replayed on the last 30 days' tasks through the
 * service code (`trySlaTable`), against reading the same tasks alone, measured in the same run.
 */
import type { Db } from '../lib/db';
import { trySlaTable } from '../api/src/modules/admin/sla-trial.service';

const DAY = 86_400_000;

async function timed<T>(work: () => Promise<T>) {
  const t0 = process.hrtime.bigint();
  const result = await work();
  return { result, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

export async function benchTrials(db: Db) {
  const to = new Date();
  const from = new Date(to.getTime() - 30 * DAY);
  const table = ['handle', 'verify', 'visit'].flatMap((step) =>
    (['GRID', 'DISTRICT'] as const).map((level) => ({
      step,
      level,
      urgency: 'NORMAL' as const,
      category: null,
      unit: 'workingDays',
      yellow: 5,
      red: 10,
    })),
  );
  const draft = [...table, { ...table[0], category: 'bench', yellow: 2, red: 5 }];
  const read = () =>
    db.inboxTask.findMany({
      where: { createdAt: { gte: from, lt: to }, withdrawnAt: null },
      select: {
        key: true,
        elementId: true,
        category: true,
        variables: true,
        createdAt: true,
        completedAt: true,
        dueDate: true,
        redAt: true,
      },
    });
  await read();
  const alone = await timed(read);
  await trySlaTable(db, draft, from, to);
  const trial = await timed(() => trySlaTable(db, draft, from, to));
  console.log(
    `\nSLA 试算 over 30 days: ${trial.result.tasks} tasks, ${trial.result.changed} change colour ` +
      `(red ${trial.result.redBefore} → ${trial.result.redAfter}) in ${(trial.ms / 1000).toFixed(2)} s; ` +
      `reading the same ${alone.result.length} tasks alone ${(alone.ms / 1000).toFixed(2)} s ` +
      `(${(trial.ms / alone.ms).toFixed(1)}×; target < 10 s)`,
  );
}
