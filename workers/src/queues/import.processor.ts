/**
 * Queue `imports`: applies one bulk import (ImportRun) checked by the API. The file is checked
 * again against the database as it is now (another admin may have changed it since): a row that
 * has gone wrong fails the run with its report and writes nothing. Progress (`done` of `total`)
 * goes to the run, which the admin's browser polls, and to the job. Idempotent: a run already DONE
 * is left alone, and a repeated delivery finds its rows written and changes nothing (rows are
 * matched by code and username).
 */
import type { Job } from 'bullmq';
import { applyImport, planImport, type ImportKind, type RowProblem } from '../../../lib/bulk-import';
import { t } from '../../../lib/i18n';
import type { ImportJob } from '../../../lib/queues';
import type { QueueDeps } from './types';

export function importProcessor({ db }: QueueDeps) {
  return async (job: Job<ImportJob>) => {
    const run = await db.importRun.findUnique({ where: { id: job.data.runId } });
    if (!run || run.status === 'DONE') return { skipped: true };
    const by = await db.user.findUnique({ where: { id: run.createdById }, include: { org: true } });
    await db.importRun.update({ where: { id: run.id }, data: { status: 'RUNNING', done: 0 } });
    const plan = await planImport(db, run.kind as ImportKind, run.fileName, Buffer.from(run.content), {
      scopePath: run.scopePath,
      mayGrantDesigner: by?.org.type === 'DISTRICT',
    });
    if (plan.problems.length) {
      await db.importRun.update({
        where: { id: run.id },
        data: {
          status: 'FAILED',
          error: JSON.stringify(plan.problems.slice(0, 100)),
          finishedAt: new Date(),
        },
      });
      return { failed: plan.problems.length };
    }
    let summary;
    try {
      summary = await applyImport(db, plan, async (done) => {
        await db.importRun.update({ where: { id: run.id }, data: { done } });
        await job.updateProgress(Math.round((done / Math.max(plan.summary.total, 1)) * 100));
      });
    } catch (err) {
      // The transaction rolled back: nothing was written. The admin sees the run failed and may
      // import the file again; the job stays failed in bull-board with the cause.
      const problem: RowProblem = { row: 0, column: '', message: t('import.jobFailed') };
      await db.importRun.update({
        where: { id: run.id },
        data: { status: 'FAILED', done: 0, error: JSON.stringify([problem]), finishedAt: new Date() },
      });
      throw err;
    }
    await db.importRun.update({
      where: { id: run.id },
      data: {
        status: 'DONE',
        done: summary.total,
        created: summary.create,
        updated: summary.update,
        unchanged: summary.unchanged,
        finishedAt: new Date(),
      },
    });
    return summary;
  };
}
