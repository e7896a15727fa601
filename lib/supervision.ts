import type { CardKind, CaseKind } from '@prisma/client';
import type { Db } from './db';
import type { Localized } from './i18n';
import type { CardNotice, Queues } from './queues';
import { recordTimeline } from './timeline';
import type { ProcessEngine } from './engine/process-engine';
import { commandAfterCommit, queueCommand } from './engine-commands';

/** The engine task priority a card raises the case's open tasks to (normal work is 1, urgent 2). */
export const CARD_PRIORITY: Record<CardKind, number> = { REMIND: 2, NORMAL: 3, YELLOW: 4, RED: 5 };

export interface CardInput {
  kind: CardKind;
  auto: boolean;
  dedupKey: string;
  unitId: string;
  unitPath: string;
  /** The case pressed, of any loop (InboxTask's case reference); a task of no case is pressed alone. */
  caseKind: CaseKind | null;
  caseId: string | null;
  caseNo?: string | null;
  taskKey?: string | null;
  taskName?: string | null;
  reason?: string | null;
  issuedById?: string | null;
}

/**
 * Records a 督办/催办 card once per dedupKey: the card, a timeline entry on an event's case, the
 * case's open tasks' priority raised in the engine after the commit (and then in the inbox), and a notice queued
 * for the handler and the unit's webhooks.
 * The notice is queued first (deduplicated by the same key), so a crash between the two steps
 * leaves a card to be retried rather than a card nobody was told about. True when it was new.
 */
export async function issueCard(
  db: Db,
  engine: ProcessEngine,
  queues: Pick<Queues, 'notice'>,
  card: CardInput,
): Promise<boolean> {
  // Only an event has a timeline (and notices that open /cases/:id); other loops' pages list their cards.
  const eventId = card.caseKind === 'EVENT' ? card.caseId : null;
  const notice: CardNotice = {
    dedupKey: card.dedupKey,
    kind: card.kind,
    auto: card.auto,
    unitId: card.unitId,
    eventId,
    caseNo: card.caseNo,
    taskKey: card.taskKey,
    taskName: card.taskName,
    reason: card.reason,
  };
  await queues.notice(notice);
  const commands = await db.$transaction(async (tx) => {
    const { count } = await tx.supervisionCard.createMany({
      data: [
        {
          kind: card.kind,
          auto: card.auto,
          dedupKey: card.dedupKey,
          unitId: card.unitId,
          unitPath: card.unitPath,
          caseKind: card.caseKind,
          caseId: card.caseId,
          caseNo: card.caseNo ?? null,
          eventId,
          taskKey: card.taskKey ?? null,
          reason: card.reason ?? null,
          issuedById: card.issuedById ?? null,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return null;
    if (eventId) {
      await recordTimeline(tx, {
        eventId,
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
    // The case's open tasks pressed harder: in the engine after the commit (lib/engine-commands.ts).
    const scope =
      card.caseKind && card.caseId
        ? { caseKind: card.caseKind, caseId: card.caseId }
        : card.taskKey
          ? { key: card.taskKey }
          : null;
    const priority = CARD_PRIORITY[card.kind];
    const open = scope
      ? await tx.inboxTask.findMany({
          where: { ...scope, state: 'OPEN', priority: { lt: priority } },
          select: { key: true, processInstanceId: true },
        })
      : [];
    return Promise.all(
      open.map((t) =>
        queueCommand(tx, t.processInstanceId, { kind: 'raise-priority', taskKey: t.key, priority }),
      ),
    );
  });
  for (const command of commands ?? []) await commandAfterCommit(db, engine, command);
  return commands !== null;
}

/**
 * The unit a 督办/催办 on a case presses, and the step it presses: the first of the case's open
 * tasks (oldest first) in the issuer's subtree, else the unit answering for the case; null when
 * there is neither. The ability to press is the caller's to check on that unit.
 */
export async function pressedUnit(
  db: Db,
  open: { key: string; name: string; orgId: string | null; orgPath: string | null }[],
  handlerUnitId: string | null,
  issuerPath: string,
) {
  const task = open.find((t) => t.orgId && t.orgPath?.startsWith(issuerPath));
  const unit = task
    ? { id: task.orgId!, path: task.orgPath! }
    : handlerUnitId
      ? await db.org.findUnique({ where: { id: handlerUnitId }, select: { id: true, path: true } })
      : null;
  return unit && { unit, task };
}

/**
 * The 督办/催办 cards a case has had, newest first, for its case page (any loop): kind, whether
 * automatic, the pressed unit and step, the reason, when. Card ids are BIGINT: sent as text.
 */
export async function cardsOfCase(db: Db, caseKind: CaseKind, caseId: string) {
  const cards = await db.supervisionCard.findMany({
    where: { caseKind, caseId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      kind: true,
      auto: true,
      unitId: true,
      taskKey: true,
      reason: true,
      issuedById: true,
      createdAt: true,
    },
  });
  return cards.map((c) => ({ ...c, id: String(c.id) }));
}

const CARD_NAME: Record<CardKind, Localized> = {
  REMIND: { 'zh-CN': '催办', en: 'Reminder' },
  NORMAL: { 'zh-CN': '督办', en: 'Supervision' },
  YELLOW: { 'zh-CN': '黄牌督办', en: 'Yellow card' },
  RED: { 'zh-CN': '红牌督办', en: 'Red card' },
};

const SEVERITY: CardKind[] = ['REMIND', 'NORMAL', 'YELLOW', 'RED'];

/** One line of a digest: a notice with what it links to (its task, else its case). */
export interface DigestItem {
  kind: CardKind;
  caseNo: string | null;
  eventId: string | null;
  taskKey: string | null;
  text: Localized;
}

/**
 * The digest of one person's notices of a period: one notice reads as before; several get a
 * count in the title, one line each, the most severe kind, and the case or task they share.
 */
export function digestOf(items: DigestItem[]) {
  const kind = items.reduce<CardKind>(
    (worst, i) => (SEVERITY.indexOf(i.kind) > SEVERITY.indexOf(worst) ? i.kind : worst),
    'REMIND',
  );
  const same = <K extends 'eventId' | 'taskKey'>(k: K) =>
    items.every((i) => i[k] === items[0][k]) ? items[0][k] : null;
  const title: Localized =
    items.length === 1
      ? CARD_NAME[kind]
      : { 'zh-CN': `督办/催办汇总（${items.length} 条）`, en: `${items.length} supervision notices` };
  const body: Localized = {
    'zh-CN': items.map((i) => i.text['zh-CN']).join('\n'),
    en: items.map((i) => i.text.en).join('\n'),
  };
  return { kind, title, body, eventId: same('eventId'), taskKey: same('taskKey') };
}

/** The notice's title and text, zh-CN and English. */
export function noticeText(n: CardNotice): { title: Localized; body: Localized } {
  if (n.text) return n.text;
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
