/**
 * Queue `field-work`: job `sampling-draw` (SAMPLING_CRON, China time) draws the month before for
 * the survey team, with a fresh seed kept on the draw; a month drawn already (a second workers
 * process, an on-demand draw first) is left as it is. Job `warnings` (every
 * WARNING_CHECK_INTERVAL_MS) evaluates the early-warning rules; their keys make repeats create nothing.
 * Job `inspection-merge` (INSPECTION_MERGE_CRON, China time) runs the joint-inspection planner as
 * 合并排期 does: plans merged once are never merged again, so a repeat with nothing new makes nothing.
 */
import type { Job } from 'bullmq';
import { HttpError } from '../../../api/src/http/errors';
import { previousMonthPeriod } from '../../../lib/assessment-period';
import { samplingOptions } from '../../../lib/field-work-config';
import { evaluateWarnings, warningRules } from '../../../loops/early-warning/evaluate';
import { createSamplingService } from '../../../loops/satisfaction-sampling/api/sampling.service';
import {
  createJointInspectionsService,
  SCHEDULED_MERGE,
} from '../../../loops/joint-inspection/api/joint-inspections.service';
import type { QueueDeps } from './types';

export const fieldWorkProcessor = (deps: QueueDeps) => async (job: Job) => {
  const { db, engine, config, log } = deps;
  if (job.name === 'sampling-draw') {
    const { periodKey } = previousMonthPeriod(new Date());
    const draw = await createSamplingService(db, engine, samplingOptions(config))
      .draw({ period: periodKey }, null)
      .catch((err: unknown) => {
        if (err instanceof HttpError && err.code === 'error.alreadyDrawn') return null;
        throw err;
      });
    if (draw) log.info({ periodKey, cases: draw.cases.length }, '民调 sample drawn');
    return { periodKey, drawn: draw?.cases.length ?? 0 };
  }
  if (job.name === 'inspection-merge') {
    const { items } = await createJointInspectionsService(db, engine).merge(SCHEDULED_MERGE);
    if (items.length) log.info({ inspections: items.length }, 'inspection plans merged');
    return { merged: items.length };
  }
  const rules = await warningRules(engine);
  if (typeof rules === 'string') throw new Error(rules);
  const created = await evaluateWarnings(db, engine, rules);
  if (created.length) log.info({ created: created.length }, 'early warnings raised');
  return { created: created.length };
};
