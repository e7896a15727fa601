import type { CardKind } from '@prisma/client';
import type { Db } from './db';
import type { Localized } from './i18n';
import type { NoticeJob, Queues } from './queues';
import { recordTimeline } from './timeline';

/**
 * The inbox priority a card raises the case's open tasks to (urgent work is 2). Zeebe 8.6 has no
 * job priority and cannot change a job-based user task, so the engine-side priority cannot be
 * raised: the inbox's is, and the inbox sorts by it.
 */
/**
 * Where an open task stands against its yellow (`dueDate`) and red (`redAt`) times: the one rule
 * the inbox and the supervision pages show (the overdue scan and lists express it in SQL).
 */
export function deadlineStateOf(
  task: { dueDate: Date | null; redAt: Date | null },
  now: Date,
): 'onTime' | 'yellow' | 'red' | null {
  if (task.redAt && task.redAt <= now) return 'red';
  if (!task.dueDate) return null;
  return task.dueDate <= now ? 'yellow' : 'onTime';
}

export const CARD_PRIORITY: Record<CardKind, number> = { REMIND: 2, NORMAL: 3, YELLOW: 4, RED: 5 };

export interface CardInput {
  kind: CardKind;
  auto: boolean;
  dedupKey: string;
  unitId: string;
  unitPath: string;
  eventId?: string | null;
  caseNo?: string | null;
  processInstanceKey?: string | null;
  taskKey?: string | null;
  taskName?: string | null;
  reason?: string | null;
  issuedById?: string | null;
}

/**
 * Records a 督办/催办 card once per dedupKey: the card, a timeline entry on the case, the case's
 * open tasks raised in the inbox, and a notice queued for the handler and the unit's webhooks.
 * The notice is queued first (deduplicated by the same key), so a crash between the two steps
 * leaves a card to be retried rather than a card nobody was told about. True when it was new.
 */
export async function issueCard(db: Db, queues: Pick<Queues, 'notice'>, card: CardInput): Promise<boolean> {
  const notice: NoticeJob = {
    dedupKey: card.dedupKey,
    kind: card.kind,
    auto: card.auto,
    unitId: card.unitId,
    eventId: card.eventId,
    caseNo: card.caseNo,
    taskKey: card.taskKey,
    taskName: card.taskName,
    reason: card.reason,
  };
  await queues.notice(notice);
  return db.$transaction(async (tx) => {
    const { count } = await tx.supervisionCard.createMany({
      data: [
        {
          kind: card.kind,
          auto: card.auto,
          dedupKey: card.dedupKey,
          unitId: card.unitId,
          unitPath: card.unitPath,
          eventId: card.eventId ?? null,
          taskKey: card.taskKey ?? null,
          reason: card.reason ?? null,
          issuedById: card.issuedById ?? null,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return false;
    if (card.eventId) {
      await recordTimeline(tx, {
        eventId: card.eventId,
        action: 'supervised',
        dedupKey: `card:${card.dedupKey}`,
        actorId: card.issuedById ?? null,
        unitId: card.unitId,
        detail: {
          kind: card.kind,
          auto: card.auto,
          taskKey: card.taskKey ?? null,
          reason: card.reason ?? null,
        },
      });
    }
    const scope = card.processInstanceKey
      ? { processInstanceKey: card.processInstanceKey }
      : card.taskKey
        ? { key: card.taskKey }
        : null;
    if (scope) {
      await tx.inboxTask.updateMany({
        where: { ...scope, state: 'OPEN', priority: { lt: CARD_PRIORITY[card.kind] } },
        data: { priority: CARD_PRIORITY[card.kind] },
      });
    }
    return true;
  });
}

const CARD_NAME: Record<CardKind, Localized> = {
  REMIND: { 'zh-CN': '催办', en: 'Reminder' },
  NORMAL: { 'zh-CN': '督办', en: 'Supervision' },
  YELLOW: { 'zh-CN': '黄牌督办', en: 'Yellow card' },
  RED: { 'zh-CN': '红牌督办', en: 'Red card' },
};

/** The notice's title and text, zh-CN and English. */
export function noticeText(n: NoticeJob): { title: Localized; body: Localized } {
  const what = [n.caseNo, n.taskName].filter(Boolean).join(' ');
  const why: Localized = n.auto
    ? n.kind === 'RED'
      ? { 'zh-CN': '已超过红色时限，请立即办理', en: 'past its red deadline, act now' }
      : { 'zh-CN': '已超过黄色时限，请抓紧办理', en: 'past its yellow deadline, please hurry' }
    : { 'zh-CN': n.reason ?? '', en: n.reason ?? '' };
  return {
    title: CARD_NAME[n.kind],
    body: {
      'zh-CN': `【${CARD_NAME[n.kind]['zh-CN']}】${what}：${why['zh-CN']}`,
      en: `[${CARD_NAME[n.kind].en}] ${what}: ${why.en}`,
    },
  };
}
