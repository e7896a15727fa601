/**
 * 舆情: sources (administrator), keyword rules (the district), the list and its triage (the
 * district's staff). An item becomes an event through the events' own intake, so the case is
 * exactly what a report makes; the item and the case then name each other (the item's eventId,
 * the case's timeline entry `opinion.linked` or `opinion.attached`).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Prisma } from '@prisma/client';
import type { Db } from '../../../../lib/db';
import { t } from '../../../../lib/i18n';
import { recordTimeline } from '../../../../lib/timeline';
import { highlight } from '../../../../lib/opinion/opinion-match';
import { keepItems, pollSource, rematchItems, type FeedPolicy } from '../../../../lib/opinion/opinion-intake';
import type { RawItem } from '../../../../lib/opinion/opinion-text';
import { fieldError, HttpError } from '../../http/errors';
import type { Caller } from '../../http/define-route';
import {
  readableEvent,
  userReporter,
  type EventsService,
  type NewEvent,
} from '../../../../loops/event-handling/api/events.service';

export interface NewSource {
  name: string;
  kind: 'rss' | 'webhook';
  url?: string;
  intervalMinutes?: number;
}

export interface RuleInput {
  name: string;
  words: string[];
  exclusions: string[];
  requirePlace: boolean;
  active: boolean;
}

export interface ItemQuery {
  status?: 'NEW' | 'DISMISSED' | 'EVENT' | 'ATTACHED';
  page: number;
  pageSize: number;
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

const sourceView = (s: {
  id: string;
  name: string;
  kind: string;
  url: string | null;
  intervalMinutes: number;
  active: boolean;
  lastPolledAt: Date | null;
  lastError: string | null;
}) => ({
  id: s.id,
  name: s.name,
  kind: s.kind,
  url: s.url,
  intervalMinutes: s.intervalMinutes,
  active: s.active,
  lastPolledAt: s.lastPolledAt,
  lastError: s.lastError,
});

const dedupe = (words: string[]) => [...new Set(words.map((w) => w.trim()).filter(Boolean))];

export function createOpinionService(db: Db, events: EventsService, feedPolicy: FeedPolicy) {
  /** An item still to triage; claimed by moving its status, so two staff never both act on it. */
  async function claim(
    id: string,
    who: Caller,
    status: string,
    extra: Prisma.OpinionItemUpdateManyMutationInput,
  ) {
    const item = await db.opinionItem.findUnique({ where: { id } });
    if (!item?.matched) throw new HttpError(404, 'error.notFound');
    const { count } = await db.opinionItem.updateMany({
      where: { id, status: 'NEW' },
      data: { status, triagedById: who.user.id, triagedAt: new Date(), ...extra },
    });
    if (!count) throw new HttpError(409, 'opinion.alreadyTriaged');
    return item;
  }

  /** The case's timeline names the item it came from or was given (once per item). */
  const onTimeline = (
    eventId: string,
    action: 'opinion.linked' | 'opinion.attached',
    item: { id: string; title: string; link: string | null },
    who: Caller,
  ) =>
    recordTimeline(db, {
      eventId,
      action,
      dedupKey: `opinion:${item.id}`,
      actorId: who.user.id,
      unitId: who.user.orgId,
      detail: { opinionItemId: item.id, title: item.title, link: item.link ?? '' },
    });

  return {
    async sources() {
      return { items: (await db.opinionSource.findMany({ orderBy: { createdAt: 'asc' } })).map(sourceView) };
    },

    /** A webhook source gets its key now, shown once; only its hash is kept. */
    async createSource(input: NewSource) {
      if (input.kind === 'rss' && !input.url) throw fieldError('url', t('opinion.urlRequired'));
      const key = input.kind === 'webhook' ? `zzo_${randomBytes(32).toString('base64url')}` : undefined;
      const source = await db.opinionSource.create({
        data: {
          name: input.name,
          kind: input.kind,
          url: input.kind === 'rss' ? input.url : null,
          intervalMinutes: input.intervalMinutes ?? 30,
          keyHash: key ? hashKey(key) : null,
        },
      });
      return { source: sourceView(source), key: key ?? null };
    },

    async updateSource(id: string, input: { active?: boolean; intervalMinutes?: number; name?: string }) {
      if (!(await db.opinionSource.findUnique({ where: { id } }))) throw new HttpError(404, 'error.notFound');
      return sourceView(await db.opinionSource.update({ where: { id }, data: input }));
    },

    async pollNow(id: string) {
      const source = await db.opinionSource.findUnique({ where: { id } });
      if (!source) throw new HttpError(404, 'error.notFound');
      if (source.kind !== 'rss') throw fieldError('id', t('opinion.urlRequired'));
      return pollSource(db, source, feedPolicy);
    },

    /** The webhook's source by its key; 401 for a missing, unknown or disabled one. */
    async webhookSource(key: string) {
      const source = key ? await db.opinionSource.findUnique({ where: { keyHash: hashKey(key) } }) : null;
      if (!source?.active || source.kind !== 'webhook') throw new HttpError(401, 'error.badChannelKey');
      return source;
    },

    receive: (sourceId: string, items: RawItem[]) => keepItems(db, sourceId, items),

    async rules() {
      return { items: await db.opinionRule.findMany({ orderBy: { name: 'asc' } }) };
    },

    // A changed rule reads the recent untriaged items again (rematchItems): the list is the rules' as they are.
    async createRule(input: RuleInput, who: Caller) {
      const rule = await db.opinionRule.create({
        data: {
          ...input,
          words: dedupe(input.words),
          exclusions: dedupe(input.exclusions),
          updatedById: who.user.id,
        },
      });
      await rematchItems(db);
      return rule;
    },

    async updateRule(id: string, input: Partial<RuleInput>, who: Caller) {
      if (!(await db.opinionRule.findUnique({ where: { id } }))) throw new HttpError(404, 'error.notFound');
      const rule = await db.opinionRule.update({
        where: { id },
        data: {
          ...input,
          ...(input.words ? { words: dedupe(input.words) } : {}),
          ...(input.exclusions ? { exclusions: dedupe(input.exclusions) } : {}),
          updatedById: who.user.id,
        },
      });
      await rematchItems(db);
      return rule;
    },

    /** The 舆情 list: matching items, newest first, the matched words cut out for the page to mark. */
    async items(query: ItemQuery) {
      const where = { matched: true, ...(query.status ? { status: query.status } : {}) };
      const [rows, total] = await Promise.all([
        db.opinionItem.findMany({
          where,
          orderBy: [{ fetchedAt: 'desc' }, { id: 'asc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
          include: { source: { select: { name: true } } },
        }),
        db.opinionItem.count({ where }),
      ]);
      const unitIds = [...new Set(rows.flatMap((r) => r.unitIds))];
      const eventIds = rows.flatMap((r) => (r.eventId ? [r.eventId] : []));
      const [units, cases] = await Promise.all([
        db.org.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }),
        db.event.findMany({ where: { id: { in: eventIds } }, select: { id: true, caseNo: true } }),
      ]);
      const unitName = new Map(units.map((u) => [u.id, u.name]));
      const caseNo = new Map(cases.map((c) => [c.id, c.caseNo]));
      return {
        items: rows.map((r) => ({
          id: r.id,
          source: r.source.name,
          link: r.link,
          title: r.title,
          titleParts: highlight(r.title, r.matchedWords),
          bodyParts: highlight(r.body.slice(0, 600), r.matchedWords),
          publishedAt: r.publishedAt,
          fetchedAt: r.fetchedAt,
          matchedWords: r.matchedWords,
          units: r.unitIds.map((id) => ({ id, name: unitName.get(id) ?? id })),
          status: r.status,
          dismissReason: r.dismissReason,
          eventId: r.eventId,
          caseNo: r.eventId ? (caseNo.get(r.eventId) ?? null) : null,
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async dismiss(id: string, reason: string, who: Caller) {
      await claim(id, who, 'DISMISSED', { dismissReason: reason });
      return { id, status: 'DISMISSED' };
    },

    /**
     * The item made an event through the events' intake (its category, grid and place chosen by
     * the staff; the description prefilled from the item). When the intake refuses, the item is
     * given back untriaged, so nothing is half-written.
     */
    async toEvent(id: string, input: Omit<NewEvent, 'description'> & { description?: string }, who: Caller) {
      const reporter = { ...userReporter(who), source: 'opinion' };
      const item = await claim(id, who, 'EVENT', {});
      let made;
      try {
        made = await events.report(
          {
            ...input,
            description: (
              input.description ??
              [`【舆情】${item.title}`, item.link ?? '', item.body].filter(Boolean).join('\n')
            ).slice(0, 2000),
          },
          reporter,
        );
      } catch (err) {
        await db.opinionItem.update({
          where: { id },
          data: { status: 'NEW', triagedById: null, triagedAt: null },
        });
        throw err;
      }
      await db.opinionItem.update({ where: { id }, data: { eventId: made.id } });
      await onTimeline(made.id, 'opinion.linked', item, who);
      return { id, status: 'EVENT', eventId: made.id, caseNo: made.caseNo };
    },

    /** The item added to a case the caller may read; the case's timeline names it. */
    async attach(id: string, eventId: string, who: Caller) {
      const event = await readableEvent(db, eventId, who).catch((err: unknown) => {
        throw err instanceof HttpError && err.status === 404
          ? fieldError('eventId', t('error.notFound'))
          : err;
      });
      const item = await claim(id, who, 'ATTACHED', { eventId: event.id });
      await onTimeline(event.id, 'opinion.attached', item, who);
      return { id, status: 'ATTACHED', eventId: event.id, caseNo: event.caseNo };
    },

    /** Matching items per day (China time) and per matched word, in [from, to). */
    async stats(from: Date, to: Date) {
      const [days, words] = await Promise.all([
        db.$queryRaw<{ day: string; items: number }[]>`
          SELECT to_char(("fetchedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
                 count(*)::int AS items
            FROM "OpinionItem"
           WHERE matched AND "fetchedAt" >= ${from} AND "fetchedAt" < ${to}
           GROUP BY 1 ORDER BY 1`,
        db.$queryRaw<{ word: string; items: number }[]>`
          SELECT w AS word, count(*)::int AS items
            FROM "OpinionItem", unnest("matchedWords") AS w
           WHERE matched AND "fetchedAt" >= ${from} AND "fetchedAt" < ${to}
           GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 100`,
      ]);
      return { days, words };
    },
  };
}

export type OpinionService = ReturnType<typeof createOpinionService>;
