/**
 * Queue `overdue-scan`, repeated every OVERDUE_SCAN_INTERVAL_MS: raises a yellow card for each
 * open task past its due date and a red card for each past its red time, or ended by the engine
 * after it (automatic 督办), once
 * per task and colour (`auto:<colour>:<taskKey>`), through issueCard (card, timeline, inbox
 * priority, notice). Only tasks without that card are read, oldest first, a batch per colour.
 */
import { reachedSql } from '../../../lib/deadlines';
import { Prisma, type CardKind, type CaseKind } from '@prisma/client';
import { issueCard } from '../../../lib/supervision';
import type { QueueDeps } from './types';

interface Overdue {
  key: string;
  name: string;
  orgId: string;
  orgPath: string;
  caseKind: CaseKind | null;
  caseId: string | null;
  caseNo: string | null;
}

const COLUMN: Record<'YELLOW' | 'RED', Prisma.Sql> = {
  YELLOW: Prisma.raw('t."dueDate"'),
  RED: Prisma.raw('t."redAt"'),
};

/** How long after an interruption a red step that the engine ended is still carded. */
const INTERRUPTED_WINDOW_MS = 24 * 3600 * 1000;

/**
 * Which tasks a colour looks at. Red also takes steps closed as CANCELED at or after their red
 * time within the last day: 处置's red boundary timer interrupts the task at that very moment,
 * usually before a scan sees it open, and that is the red card that matters most.
 */
function candidates(kind: 'YELLOW' | 'RED', now: Date): Prisma.Sql {
  if (kind === 'YELLOW') return Prisma.sql`t.state = 'OPEN' AND ${reachedSql('dueDate', now)}`;
  const since = new Date(now.getTime() - INTERRUPTED_WINDOW_MS);
  return Prisma.sql`t.state IN ('OPEN', 'CANCELED') AND ${reachedSql('dueDate', now)} AND ${reachedSql('redAt', now)}
    AND (t.state = 'OPEN' OR (t."updatedAt" >= t."redAt" AND t."updatedAt" > ${since}))`;
}

export function overdueScanProcessor({ db, engine, config, queues, log }: QueueDeps) {
  return async () => {
    const now = new Date();
    let raised = 0;
    for (const kind of ['YELLOW', 'RED'] as const satisfies CardKind[]) {
      const rows = await db.$queryRaw<Overdue[]>`
        SELECT t.key, t.name, t."orgId", t."orgPath", t."caseKind", t."caseId", t."caseNo"
        FROM "InboxTask" t
        WHERE ${candidates(kind, now)} AND t."orgId" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "SupervisionCard" c WHERE c."dedupKey" = ${`auto:${kind}:`} || t.key)
        ORDER BY ${COLUMN[kind]}
        LIMIT ${config.OVERDUE_SCAN_BATCH}`;
      for (const t of rows) {
        const isNew = await issueCard(db, engine, queues, {
          kind,
          auto: true,
          dedupKey: `auto:${kind}:${t.key}`,
          unitId: t.orgId,
          unitPath: t.orgPath,
          caseKind: t.caseKind,
          caseId: t.caseId,
          caseNo: t.caseNo,
          taskKey: t.key,
          taskName: t.name,
        });
        if (isNew) raised += 1;
      }
    }
    if (raised) log.info({ raised }, 'overdue cards raised');
    return { raised };
  };
}
