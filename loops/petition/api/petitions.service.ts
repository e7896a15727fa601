/**
 * Petitions (信访, 信访工作条例 2022): registration with the duplicate check and the refusal after
 * 复核, the case read (audited, identity masked for those who do not handle it), the steps as
 * completions of the case's open inbox tasks (so the form contracts, claims and abilities of the
 * inbox apply unchanged), the 复查/复核 request, and the notices as PDFs.
 */
import { petitionLoop } from '../loop';
import { clockDue } from '../../../lib/loop';
import { petitionClocks } from './petition-clocks';
import { createHash } from 'node:crypto';
import type { Petition, PetitionChannel, PetitionStatus, Prisma } from '@prisma/client';
import type { Db } from '../../../lib/db';
import { EngineError, type ProcessEngine } from '../../../lib/engine/process-engine';
import { t, tf } from '../../../lib/i18n';
import { cardsOfCase } from '../../../lib/supervision';
import { openSteps, stepsAndSupervision } from '../../../api/src/modules/supervision/may-supervise';
import { noticeDocument, noticeTitle, type NoticeFields, type NoticeKind } from '../petition-notices';
import { renderPdf } from '../../../lib/pdf';
import { workingCalendar } from '../../../lib/working-calendar';
import { accessibleBy, type AppAbility, type SessionUser } from '../../../api/src/abilities';
import { fieldError, HttpError } from '../../../api/src/http/errors';
import { createAuditLog } from '../../../api/src/modules/audit/audit.service';
import { nextCaseNo } from '../../../lib/case-no';
import { commandAfterCommit, queueCommand } from '../../../lib/engine-commands';
import { queueStart, startAfterCommit } from '../../../lib/engine-starts';
import { decision, satisfaction } from './petitions.answers';
import { checkPetitionTarget } from './petition-target';
import { linkedPlace } from '../../base-data/api/building-link';
import type { InboxService } from '../../../api/src/modules/inbox/inbox.service';

type Caller = { user: SessionUser; ability: AppAbility };

export interface Petitioner {
  name: string;
  idNo?: string;
  phone?: string;
  address?: string;
}

export interface NewPetition {
  channel: PetitionChannel;
  receivedAt: Date;
  petitioner: Petitioner;
  matter: string;
  requests: string;
  attachments: { name: string; ref: string }[];
  eventId?: string;
  buildingId?: string;
  roomId?: string;
  /** The registrar saw the possible duplicates and registers anyway. */
  duplicateAcknowledged?: boolean;
}

const YEAR_MS = 365 * 86_400_000;

/** Same petitioner: the ID number when there is one, else name and phone. */
export function petitionerKey(p: Pick<Petitioner, 'name' | 'idNo' | 'phone'>): string {
  const basis = p.idNo
    ? `id:${p.idNo.toUpperCase()}`
    : `np:${p.name.normalize('NFKC').replace(/\s/g, '')}|${(p.phone ?? '').replace(/\D/g, '')}`;
  return createHash('sha256').update(basis).digest('hex');
}

/** Same matter: the text without spaces, punctuation or width differences. */
export const matterKey = (matter: string) =>
  matter
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');

const maskName = (name: string) =>
  name ? `${[...name][0]}${'*'.repeat(Math.max(1, [...name].length - 1))}` : '';
const maskTail = (value: string | null, keepStart: number, keepEnd: number) =>
  value && value.length > keepStart + keepEnd
    ? `${value.slice(0, keepStart)}${'*'.repeat(value.length - keepStart - keepEnd)}${value.slice(-keepEnd)}`
    : value && '*'.repeat(value.length);

/** Who the petitioner is, in full for the units working the case, masked for everyone else. */
function petitionerOf(p: Petition, full: boolean) {
  return full
    ? {
        name: p.petitionerName,
        idNo: p.petitionerIdNo,
        phone: p.petitionerPhone,
        address: p.petitionerAddress,
        masked: false,
      }
    : {
        name: maskName(p.petitionerName),
        idNo: maskTail(p.petitionerIdNo, 3, 4),
        phone: maskTail(p.petitionerPhone, 3, 4),
        address: p.petitionerAddress ? '***' : null,
        masked: true,
      };
}

/** The columns that identify the petitioner; a read answers them through petitionerOf only. */
const IDENTITY_FIELDS = [
  'petitionerName',
  'petitionerIdNo',
  'petitionerPhone',
  'petitionerAddress',
  'petitionerKey',
  'matterKey',
] as const;

/** The petition's columns but those that identify the petitioner. */
function withoutIdentity(p: Petition): Omit<Petition, (typeof IDENTITY_FIELDS)[number]> {
  const rest: Partial<Petition> = { ...p };
  for (const field of IDENTITY_FIELDS) delete rest[field];
  return rest as Omit<Petition, (typeof IDENTITY_FIELDS)[number]>;
}

const worksOn = (p: Petition, user: SessionUser) =>
  [p.officeUnitId, p.handlerUnitId, p.reviewUnitId].includes(user.orgId);

/** The limit of the clock that runs in each status: 受理, 办理 (as extended), 复查/复核 (`petitionLoop`). */
const RUNNING_LIMIT = {
  REGISTERED: 'decisionDueAt',
  HANDLING: 'handleDueAt',
  REVIEWING: 'reviewDueAt',
} as const satisfies Partial<Record<PetitionStatus, keyof Petition>>;

/** Petitions whose running clock has (true) or has not (false) passed its limit at `now`. */
function overdueWhere(overdue: boolean, now: Date): Prisma.PetitionWhereInput {
  const past = Object.entries(RUNNING_LIMIT).map(([status, field]) => ({
    status: status as PetitionStatus,
    [field]: { lt: now },
  }));
  return overdue ? { OR: past } : { NOT: { OR: past } };
}

const runningDueOf = (p: Petition) =>
  p.status in RUNNING_LIMIT ? p[RUNNING_LIMIT[p.status as keyof typeof RUNNING_LIMIT]] : null;

/** The facts a list shows: no identity beyond the masked name. */
const summaryOf = (p: Petition, now = new Date()) => ({
  id: p.id,
  caseNo: p.caseNo,
  channel: p.channel,
  status: p.status,
  matter: p.matter,
  petitionerName: maskName(p.petitionerName),
  receivedAt: p.receivedAt,
  decision: decision.nullable().parse(p.decision),
  finalAt: p.finalAt,
  /** The running clock's limit (null when none runs) and whether it has passed. */
  dueAt: runningDueOf(p),
  overdue: (runningDueOf(p) ?? now) < now,
});

/** Element ids of the user tasks behind each step. */
type Step = 'decide' | 'handle' | 'approve-extension' | 'satisfaction' | 'review';

export function createPetitionsService(db: Db, engine: ProcessEngine, inbox: InboxService) {
  const audit = createAuditLog(db);

  /**
   * A petition the caller may read; any other is reported missing. Checked in the query: the
   * in-memory matcher cannot take a prefix rule on a column that is still null (handlerPath
   * before the decision).
   */
  async function readable(id: string, { ability }: Caller) {
    const petition = await db.petition.findFirst({
      where: { AND: [accessibleBy(ability, 'read').ofType('Petition'), { id }] },
    });
    if (!petition) throw new HttpError(404, 'error.notFound');
    return petition;
  }

  async function similar(
    p: Pick<Petitioner, 'name' | 'idNo' | 'phone'>,
    matter: string,
    receivedAt: Date,
    client: Pick<Db, 'petition'> = db,
  ) {
    const keys = { petitionerKey: petitionerKey(p), matterKey: matterKey(matter) };
    const [final, recent] = await Promise.all([
      client.petition.findFirst({ where: { ...keys, finalAt: { not: null } }, orderBy: { finalAt: 'desc' } }),
      client.petition.findMany({
        where: { ...keys, receivedAt: { gte: new Date(receivedAt.getTime() - YEAR_MS) } },
        orderBy: { receivedAt: 'desc' },
        take: 20,
      }),
    ]);
    return { keys, final, recent };
  }

  /** 复核 ended the matter (条例 Art. 35): the same petitioner and matter are not accepted again. */
  const finalRefusal = (final: Petition) =>
    new HttpError(409, 'error.petitionFinal', [], {
      message: tf('error.petitionFinal', { caseNo: final.caseNo }),
      detail: { caseNo: final.caseNo, finalAt: final.finalAt },
    });

  /** Completes the open task of `step` of the petition through the inbox (contract, claim, ability). */
  async function completeStep(id: string, step: Step, variables: Record<string, unknown>, who: Caller) {
    const petition = await readable(id, who);
    const task = await db.inboxTask.findFirst({
      where: {
        AND: [
          accessibleBy(who.ability, 'read').ofType('InboxTask'),
          { processInstanceId: petition.processInstanceId ?? '', elementId: step, state: 'OPEN' },
        ],
      },
    });
    if (!task) throw new HttpError(409, 'error.petitionStepNotOpen');
    await inbox.complete(task.key, variables, who);
    return { id: petition.id, caseNo: petition.caseNo, step, taskKey: task.key };
  }

  return {
    /** 404 unless the caller may read the petition: checked before a step's body is looked at. */
    readable: (id: string, who: Caller) => readable(id, who).then(() => undefined),

    /** What the registrar is shown before saving: possible duplicates, and a refusal after 复核. */
    async checkDuplicates(input: { petitioner: Petitioner; matter: string; receivedAt?: Date }) {
      const { final, recent } = await similar(input.petitioner, input.matter, input.receivedAt ?? new Date());
      return {
        duplicates: recent.map((p) => summaryOf(p)),
        refused: final
          ? {
              caseNo: final.caseNo,
              finalAt: final.finalAt,
              reason: tf('error.petitionFinal', { caseNo: final.caseNo }),
            }
          : null,
      };
    },

    /** The route's gate admits the 信访 office only (create Petition). */
    async register(input: NewPetition, who: Caller) {
      const now = new Date();
      if (input.receivedAt > now) throw fieldError('receivedAt', t('error.dateInFuture'));
      if (input.receivedAt.getTime() < now.getTime() - YEAR_MS)
        throw fieldError('receivedAt', t('error.invalid'));
      if (
        input.eventId &&
        !(await db.event.findUnique({ where: { id: input.eventId }, select: { id: true } }))
      )
        throw fieldError('eventId', t('error.notFound'));
      const decisionDue = clockDue(petitionLoop.clocks.decision, await workingCalendar(db), input.receivedAt);
      const office = who.user.org;
      // The office's area is the level it sits on (its parent), as for 交办.
      const place = await linkedPlace(db, input, office.path.replace(/[^/]+\/$/, ''));
      const petition = await db.$transaction(async (tx) => {
        // The same petitioner and matter registered twice at once: the second waits for the first
        // and is then shown it (or refused after 复核), as if it had come a moment later.
        const lockKey = `petition:${petitionerKey(input.petitioner)}:${matterKey(input.matter)}`;
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${lockKey}))`;
        const { keys, final, recent } = await similar(input.petitioner, input.matter, input.receivedAt, tx);
        if (final) throw finalRefusal(final);
        if (recent.length && !input.duplicateAcknowledged)
          throw new HttpError(409, 'error.petitionPossibleDuplicate', [], {
            detail: { duplicates: recent.map((p) => summaryOf(p)) },
          });
        const created = await tx.petition.create({
          data: {
            caseNo: await nextCaseNo(db, 'XF', now, tx),
            channel: input.channel,
            receivedAt: input.receivedAt,
            petitionerName: input.petitioner.name,
            petitionerIdNo: input.petitioner.idNo,
            petitionerPhone: input.petitioner.phone,
            petitionerAddress: input.petitioner.address,
            ...keys,
            matter: input.matter,
            requests: input.requests,
            attachments: input.attachments,
            eventId: input.eventId,
            buildingId: place.building?.id ?? null,
            roomId: place.room?.id ?? null,
            registeredById: who.user.id,
            officeUnitId: office.id,
            officePath: office.path,
            decisionDueAt: decisionDue.dueAt,
          },
        });
        await queueStart(tx, {
          caseKind: 'PETITION',
          caseId: created.id,
          processKey: petitionLoop.processId,
          businessKey: created.caseNo,
          variables: {
            petitionId: created.id,
            caseNo: created.caseNo,
            officeUnitId: office.id,
            decisionDueAt: decisionDue.dueAt,
          },
        });
        return created;
      });
      await startAfterCommit(db, engine, petition.id, (tx) =>
        tx.petition.delete({ where: { id: petition.id } }),
      );
      return { id: petition.id, caseNo: petition.caseNo, decisionDue };
    },

    /** The petitions the caller may read, newest first, identity masked; by status and overdue clock. */
    async list(
      query: { page: number; pageSize: number; status?: PetitionStatus; overdue?: boolean },
      who: Caller,
    ) {
      const now = new Date();
      const where: Prisma.PetitionWhereInput = {
        AND: [
          accessibleBy(who.ability, 'read').ofType('Petition'),
          query.status ? { status: query.status } : {},
          query.overdue === undefined ? {} : overdueWhere(query.overdue, now),
        ],
      };
      const [total, items] = await Promise.all([
        db.petition.count({ where }),
        db.petition.findMany({
          where,
          orderBy: { createdAt: 'desc' },
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
      ]);
      return {
        total,
        page: query.page,
        pageSize: query.pageSize,
        items: items.map((p) => summaryOf(p, now)),
      };
    },

    /** The case: every read is audited; the identity only for the units working on it. */
    async read(id: string, who: Caller, address: string) {
      const petition = await readable(id, who);
      const full = worksOn(petition, who.user);
      await audit.record({
        by: who.user.id,
        action: 'petition.read',
        subjectType: 'Petition',
        subjectId: petition.id,
        address,
        detail: { identity: full },
      });
      const [notices, tasks, clocks, cards] = await Promise.all([
        db.petitionNotice.findMany({ where: { petitionId: id }, orderBy: { createdAt: 'asc' } }),
        openSteps(db, petition.processInstanceId),
        workingCalendar(db).then((calendar) => petitionClocks(petition, calendar, new Date())),
        cardsOfCase(db, 'PETITION', petition.id),
      ]);
      const unitIds = [petition.officeUnitId, petition.handlerUnitId, petition.reviewUnitId]
        .concat(tasks.map((task) => task.orgId))
        .filter((u): u is string => !!u);
      const [orgs, open] = await Promise.all([
        db.org.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }),
        stepsAndSupervision(db, who, tasks, petition.handlerUnitId ?? petition.officeUnitId),
      ]);
      return {
        ...withoutIdentity(petition),
        // Free text columns, read back as the choices the steps wrote.
        decision: decision.nullable().parse(petition.decision),
        satisfaction: satisfaction.nullable().parse(petition.satisfaction),
        /** Names of the office, handler, reviewer and the open tasks' units, by id. */
        units: Object.fromEntries(orgs.map((o) => [o.id, o.name])),
        petitioner: petitionerOf(petition, full),
        clocks,
        openTasks: open.steps,
        // 督办/催办 cards on the petition (supervisors' and the overdue scan's), and whether the caller may issue one.
        cards,
        maySupervise: open.maySupervise,
        notices: notices.map((n) => ({
          id: n.id,
          kind: n.kind,
          title: noticeTitle(n.kind as NoticeKind),
          createdAt: n.createdAt,
        })),
      };
    },

    async decide(
      id: string,
      input: { decision: string; decisionReason: string; targetUnitId?: string },
      who: Caller,
    ) {
      await checkPetitionTarget(db, input, who, 'targetUnitId');
      return completeStep(id, 'decide', input, who);
    },
    requestExtension: (id: string, input: { days: number; reason: string }, who: Caller) =>
      completeStep(
        id,
        'handle',
        { outcome: 'extension', extensionDays: input.days, reason: input.reason },
        who,
      ),
    approveExtension: (id: string, input: { approved: boolean; comment?: string }, who: Caller) =>
      completeStep(
        id,
        'approve-extension',
        { extensionApproved: input.approved, extensionComment: input.comment },
        who,
      ),
    reply: (id: string, input: { replyText: string }, who: Caller) =>
      completeStep(id, 'handle', { outcome: 'reply', replyText: input.replyText }, who),
    evaluate: (id: string, input: { satisfaction: string }, who: Caller) =>
      completeStep(id, 'satisfaction', input, who),
    review: (id: string, input: { reviewResult: string; reviewOpinion: string }, who: Caller) =>
      completeStep(id, 'review', input, who),

    /**
     * The petitioner asks for 复查 (then 复核) within `petitionLoop.clocks.reviewRequest.days` days of the reply: the office records it,
     * and the waiting instance moves on. Outside the window, after 复核, or while the case is not
     * waiting for a request, 409 says why.
     */
    async requestReview(id: string, who: Caller, address: string) {
      const petition = await readable(id, who);
      if (petition.officeUnitId !== who.user.orgId) throw new HttpError(403, 'error.forbidden');
      if (petition.finalAt || petition.reviewLevel >= 2) throw finalRefusal(petition);
      if (petition.status !== 'REPLIED' || !petition.reviewRequestUntil)
        throw new HttpError(409, 'error.petitionStepNotOpen');
      if (petition.reviewRequestUntil < new Date())
        throw new HttpError(409, 'error.petitionReviewWindowClosed');
      const waiting = await engine.eventSubscriptions(petition.processInstanceId!, 'petition-review-request');
      if (!waiting.length) throw new HttpError(409, 'error.petitionStepNotOpen');
      const command = await db.$transaction((tx) =>
        queueCommand(tx, petition.processInstanceId!, {
          kind: 'correlate',
          message: 'petition-review-request',
        }),
      );
      // Another request was delivered first: nothing to take back but the command.
      await commandAfterCommit(db, engine, command, async () => undefined).catch((err) => {
        throw err instanceof EngineError ? new HttpError(409, 'error.petitionStepNotOpen') : err;
      });
      await audit.record({
        by: who.user.id,
        action: 'petition.review-request',
        subjectType: 'Petition',
        subjectId: petition.id,
        address,
        detail: { level: petition.reviewLevel + 1 },
      });
      return { id: petition.id, caseNo: petition.caseNo, level: petition.reviewLevel + 1 };
    },

    /** A notice as a PDF; reading it is reading the petition, so it is audited too. */
    async notice(id: string, noticeId: string, who: Caller, address: string) {
      const petition = await readable(id, who);
      const notice = await db.petitionNotice.findFirst({ where: { id: noticeId, petitionId: petition.id } });
      if (!notice) throw new HttpError(404, 'error.notFound');
      await audit.record({
        by: who.user.id,
        action: 'petition.notice.read',
        subjectType: 'Petition',
        subjectId: petition.id,
        address,
        detail: { noticeId: notice.id, kind: notice.kind },
      });
      const pdf = renderPdf(
        noticeDocument(notice.kind as NoticeKind, notice.fields as unknown as NoticeFields),
      );
      return { pdf, fileName: `${petition.caseNo}-${notice.kind}.pdf` };
    },
  };
}

export type PetitionsService = ReturnType<typeof createPetitionsService>;
