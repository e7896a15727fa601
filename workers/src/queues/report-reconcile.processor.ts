/**
 * Queue `report-reconcile`, every REPORT_RECONCILE_INTERVAL_MS: finishes the reports the API left
 * half done. A report commits its Event first and starts its engine instance after; when the
 * database went away in between, the API could neither link the instance nor take the Event back
 * (it answered 503), and the Event stays without `processInstanceId`. Once older than
 * REPORT_RECONCILE_AFTER_MS (longer than a report request can take), such an Event is linked to
 * the event-handling instance the engine holds under its case number, or deleted with its
 * timeline when the engine has none (the reporter was refused and reports again). Only reports
 * of the last day are looked at.
 * Idempotent: a linked or deleted Event is no longer selected; a repeated run finds nothing.
 */
import type { QueueDeps } from './types';

const LOOK_BACK_MS = 24 * 3600 * 1000;

export async function reconcileReports(
  { db, engine, config, log }: Pick<QueueDeps, 'db' | 'engine' | 'config' | 'log'>,
  now: Date,
) {
  const stale = await db.event.findMany({
    where: {
      processInstanceId: null,
      // Only reports of the last day: a half-done one is found within minutes, and rows written
      // straight into the table (imports, test fixtures of past months) are none of this job's.
      createdAt: {
        lt: new Date(now.getTime() - config.REPORT_RECONCILE_AFTER_MS),
        gt: new Date(now.getTime() - LOOK_BACK_MS),
      },
    },
    select: { id: true, caseNo: true },
    orderBy: { createdAt: 'asc' },
    take: 100,
  });
  let linked = 0;
  let removed = 0;
  for (const event of stale) {
    const [instance] = await engine.historicProcessInstances({
      processDefinitionKey: 'event-handling',
      processInstanceBusinessKey: event.caseNo,
    });
    if (instance?.id) {
      await db.event.updateMany({
        where: { id: event.id, processInstanceId: null },
        data: { processInstanceId: instance.id, processDefinitionId: instance.processDefinitionId },
      });
      linked++;
    } else {
      await db.event.deleteMany({ where: { id: event.id, processInstanceId: null } });
      removed++;
    }
  }
  if (stale.length) log.warn({ linked, removed }, 'half-done reports reconciled');
  return { linked, removed };
}

export const reportReconcileProcessor = (deps: QueueDeps) => () => reconcileReports(deps, new Date());
