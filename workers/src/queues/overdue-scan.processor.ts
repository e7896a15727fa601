/**
 * Queue `overdue-scan`, repeated every OVERDUE_SCAN_INTERVAL_MS: raises a yellow card for each
 * open task past its due date and a red card for each past its red time (automatic 督办), once
 * per task and colour (`auto:<colour>:<taskKey>`), through issueCard (card, timeline, inbox
 * priority, notice). Only tasks without that card are read, oldest first, a batch per colour.
 */
import { Prisma, type CardKind } from '@prisma/client';
import { issueCard } from '../../../lib/supervision';
import type { QueueDeps } from './types';

interface Overdue {
  key: string;
  name: string;
  orgId: string;
  orgPath: string;
  processInstanceKey: string;
  eventId: string | null;
  caseNo: string | null;
}

const COLUMN: Record<'YELLOW' | 'RED', Prisma.Sql> = {
  YELLOW: Prisma.raw('t."dueDate"'),
  RED: Prisma.raw('t."redAt"'),
};

export function overdueScanProcessor({ db, config, queues, log }: QueueDeps) {
  return async () => {
    const now = new Date();
    let raised = 0;
    for (const kind of ['YELLOW', 'RED'] as const satisfies CardKind[]) {
      const rows = await db.$queryRaw<Overdue[]>`
        SELECT t.key, t.name, t."orgId", t."orgPath", t."processInstanceKey", e.id AS "eventId", e."caseNo"
        FROM "InboxTask" t
        LEFT JOIN "Event" e ON e.id = t.variables->>'eventId'
        WHERE t.state = 'OPEN' AND t."orgId" IS NOT NULL AND ${COLUMN[kind]} <= ${now}
          AND NOT EXISTS (SELECT 1 FROM "SupervisionCard" c WHERE c."dedupKey" = ${`auto:${kind}:`} || t.key)
        ORDER BY ${COLUMN[kind]}
        LIMIT ${config.OVERDUE_SCAN_BATCH}`;
      for (const t of rows) {
        const isNew = await issueCard(db, queues, {
          kind,
          auto: true,
          dedupKey: `auto:${kind}:${t.key}`,
          unitId: t.orgId,
          unitPath: t.orgPath,
          eventId: t.eventId,
          caseNo: t.caseNo,
          processInstanceKey: t.processInstanceKey,
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
