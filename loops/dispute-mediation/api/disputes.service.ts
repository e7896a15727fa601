import { disputeMediationLoop } from '../loop';
import { linkedBuilding } from '../../base-data/api/building-link';
import { subject } from '@casl/ability';
import type { Dispute, DisputeStage, Prisma, RiskLevel } from '@prisma/client';
import { nextCaseNo } from '../../../lib/case-no';
import { commandAfterCommit, queueCommand } from '../../../lib/engine-commands';
import { queueStart, startAfterCommit } from '../../../lib/engine-starts';
import { deadlineStateOf, type DeadlineState } from '../../../lib/deadlines';
import type { Db } from '../../../lib/db';
import { routeDispute } from '../dispute-route';
import { EngineError, type ProcessEngine } from '../../../lib/engine/process-engine';
import { lockFor } from '../../../lib/engine/task-lock';
import type { Queues } from '../../../lib/queues';
import { cardsOfCase } from '../../../lib/supervision';
import { accessibleBy, type AppAbility, type SessionUser } from '../../../api/src/abilities';
import { fieldError, HttpError } from '../../../api/src/http/errors';
import { createAuditLog } from '../../../api/src/modules/audit/audit.service';
import { beijingDate } from '../../../lib/china-time';
import { t, tf } from '../../../lib/i18n';
import { recordTimeline } from '../../../lib/timeline';
import { workingCalendar } from '../../../lib/working-calendar';
import { maySupervise, openSteps } from '../../../api/src/modules/supervision/may-supervise';
import { agreementDocument } from '../agreement-paper';

type Caller = { user: SessionUser; ability: AppAbility };

/** The stages at which a dispute is being mediated (sessions, consents and an agreement are recorded then). */
const MEDIATING: DisputeStage[] = ['PEOPLE', 'ADMINISTRATIVE', 'JUDICIAL'];

type Party = { name: string; phone?: string; address?: string };

/** 人民调解法 art. 33: the parties apply jointly within 30 days of the agreement taking effect. */
const CONFIRM_DAYS = 30;

export interface ConfirmationApplication {
  appliedOn: string;
  court: string;
  /** The applying parties' ids. */
  applicants: string[];
}

export interface ConfirmationRuling {
  ruledOn: string;
  ruling: 'CONFIRMED' | 'REJECTED';
  courtCaseNo: string;
}

/** A `YYYY-MM-DD` as the database's date column holds it, and back. */
const dateColumn = (date: string) => new Date(`${date}T00:00:00Z`);
const dateOf = (column: Date | null) => column && column.toISOString().slice(0, 10);

export interface Registration {
  type: string;
  amount?: number;
  summary: string;
  communityId: string;
  mediatorId?: string;
  /** The building of the address base it is about (块数据), in the dispute's community. */
  buildingId?: string;
  parties: Party[];
  risk: { level: RiskLevel; reasons: string[] };
}

/** A correction of type and parties: a party with an id is kept (and updated), one without is added. */
export interface Correction {
  type: string;
  parties: (Party & { id?: string })[];
}

/** 138****5678: enough to tell two numbers apart, not enough to call. */
const maskPhone = (phone: string | null) =>
  phone && phone.length > 4 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone && '****';

/** Who gets a high-risk alert: the police (公安) and the street's 综治中心 of the dispute's community. */
async function alertUnits(db: Db, dispute: Dispute) {
  const [police, community] = await Promise.all([
    db.org.findMany({ where: { type: 'DEPARTMENT', deptKind: 'police' }, select: { id: true } }),
    db.org.findUnique({ where: { id: dispute.communityId }, select: { parentId: true } }),
  ]);
  return [...police.map((p) => p.id), ...(community?.parentId ? [community.parentId] : [])];
}

/** Where a mediating dispute's stage clock stands; null once mediation is over. */
function clockOf(
  d: { stage: Dispute['stage']; stageDueAt: Date | null; stageRedAt: Date | null },
  now: Date,
): DeadlineState | null {
  if (!MEDIATING.includes(d.stage) || !d.stageRedAt || !d.stageDueAt) return null;
  return d.stageRedAt < now ? 'red' : d.stageDueAt < now ? 'yellow' : 'onTime';
}

/**
 * Where a person may register a dispute: community staff in their own area; the justice bureau
 * (司法局 and its 司法所, which mediate across the district) in any community.
 */
const registrable = (who: Caller): Prisma.OrgWhereInput =>
  who.user.org.deptKind === 'justice' ? {} : accessibleBy(who.ability, 'assign').ofType('Org');

export function createDisputesService(db: Db, engine: ProcessEngine, queues: Queues) {
  const audit = createAuditLog(db);

  /** A dispute the caller may read; one outside their scope is reported missing. */
  async function readable(id: string, { ability }: Caller) {
    const dispute = await db.dispute.findUnique({ where: { id } });
    if (!dispute || !ability.can('read', subject('Dispute', dispute)))
      throw new HttpError(404, 'error.notFound');
    return dispute;
  }

  /** A dispute the caller mediates (its units' staff); at a mediation stage unless `anyStage`. */
  async function mediated(id: string, who: Caller, anyStage = false) {
    const dispute = await readable(id, who);
    if (!who.ability.can('update', subject('Dispute', dispute))) throw new HttpError(403, 'error.forbidden');
    if (!anyStage && !MEDIATING.includes(dispute.stage))
      throw new HttpError(409, 'error.disputeNotInMediation');
    return dispute;
  }

  /**
   * 司法确认 is recorded by the mediating units' staff and the court's liaison; others who read the
   * dispute get 403.
   */
  async function confirming(id: string, who: Caller) {
    const dispute = await readable(id, who);
    if (!who.ability.can('confirm', subject('Dispute', dispute))) throw new HttpError(403, 'error.forbidden');
    return dispute;
  }

  const confirmationOf = (row: Prisma.DisputeConfirmationGetPayload<object>) => ({
    ...row,
    appliedOn: dateOf(row.appliedOn)!,
    ruledOn: dateOf(row.ruledOn),
    ruling: row.ruling as ConfirmationRuling['ruling'] | null,
  });

  /** 司法确认's steps on the case's timeline, when the dispute came from an event (only events keep one). */
  const onTimeline = (
    tx: Prisma.TransactionClient,
    dispute: Dispute,
    action: string,
    who: Caller,
    detail: Prisma.InputJsonObject,
  ) =>
    dispute.eventId
      ? recordTimeline(tx, {
          eventId: dispute.eventId,
          action,
          dedupKey: `${action}:${dispute.id}`,
          actorId: who.user.id,
          unitId: who.user.orgId,
          detail: { caseNo: dispute.caseNo, ...detail },
        })
      : undefined;

  /** High risk (at intake or any re-assessment): the police and the street's 综治中心 are told at once. */
  async function alertIfHigh(dispute: Dispute, assessmentId: bigint, level: RiskLevel, reasons: string[]) {
    if (level !== 'HIGH') return;
    const why = reasons.join('、');
    for (const unitId of await alertUnits(db, dispute)) {
      await queues.notice({
        dedupKey: `dispute-risk:${assessmentId}:${unitId}`,
        kind: 'RED',
        auto: true,
        unitId,
        caseNo: dispute.caseNo,
        text: {
          title: { 'zh-CN': '矛盾纠纷高风险预警', en: 'High-risk dispute alert' },
          body: {
            'zh-CN': `${dispute.caseNo}：纠纷激化风险为高（${why}），请社区民警和综治中心立即介入。`,
            en: `${dispute.caseNo}: high risk of escalation (${why}); police and the 综治中心 should step in now.`,
          },
        },
      });
    }
  }

  /** An active dispute type by code, else a 400 naming `type`. */
  async function activeType(code: string) {
    const type = await db.disputeType.findUnique({ where: { code } });
    if (!type?.active) throw fieldError('type', t('error.unknownDisputeType'));
    return type;
  }

  return {
    /** Checks, before a body is read, that the caller may record on this dispute now (404, 403, 409). */
    authorize: (id: string, who: Caller, anyStage: boolean) => mediated(id, who, anyStage),
    /** Before a 司法确认 body is read: 404 outside the caller's scope, 403 for readers who may not record it. */
    authorizeConfirmation: (id: string, who: Caller) => confirming(id, who).then(() => undefined),

    types: () => db.disputeType.findMany({ where: { active: true }, orderBy: { code: 'asc' } }),

    /** The communities the caller may register a dispute in, with their streets, for the registration's picker. */
    async communities(who: Caller) {
      const rows = await db.org.findMany({
        where: { AND: [registrable(who), { type: 'COMMUNITY', retiredAt: null }] },
        select: { id: true, name: true, parent: { select: { id: true, name: true } } },
        orderBy: { path: 'asc' },
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          streetId: r.parent?.id ?? null,
          streetName: r.parent?.name ?? null,
        })),
      };
    },

    /** 登记: community or 司法 staff register a dispute of a community they may name, and mediation starts. */
    /** The route's gate admits those who may create a dispute. */
    async register(input: Registration, who: Caller) {
      const type = await activeType(input.type);
      const community = await db.org.findUnique({
        where: { id: input.communityId },
        include: { parent: true },
      });
      if (community?.type !== 'COMMUNITY' || !community.parent)
        throw fieldError('communityId', t('error.notACommunity'));
      const mayName = await db.org.count({ where: { AND: [registrable(who), { id: community.id }] } });
      if (!mayName) throw fieldError('communityId', t('error.unitNotNameable'));
      if (input.mediatorId) {
        const mediator = await db.user.findUnique({ where: { id: input.mediatorId } });
        if (!mediator?.active || mediator.orgId !== community.id)
          throw fieldError('mediatorId', t('error.unknownUser'));
      }
      const building = await linkedBuilding(db, input.buildingId, community.path);
      const street = community.parent;
      const dispute = await db.$transaction(async (tx) => {
        const created = await tx.dispute.create({
          data: {
            caseNo: await nextCaseNo(db, 'TJ', undefined, tx),
            typeCode: type.code,
            amount: input.amount ?? null,
            summary: input.summary,
            source: 'DIRECT',
            communityId: community.id,
            communityPath: community.path,
            handlerUnitIds: [community.id],
            mediatorId: input.mediatorId ?? null,
            buildingId: building?.id ?? null,
            riskLevel: input.risk.level,
            registeredById: who.user.id,
            parties: { create: input.parties },
          },
        });
        const risk = await tx.disputeRiskAssessment.create({
          data: {
            disputeId: created.id,
            stage: 'PEOPLE',
            level: input.risk.level,
            reasons: input.risk.reasons,
            assessedById: who.user.id,
          },
        });
        await queueStart(tx, {
          caseKind: 'DISPUTE',
          caseId: created.id,
          processKey: disputeMediationLoop.processId,
          businessKey: created.caseNo,
          variables: {
            disputeId: created.id,
            caseNo: created.caseNo,
            disputeType: type.code,
            amount: input.amount ?? null,
            communityId: community.id,
            streetId: street.id,
            districtId: street.parentId,
            riskLevel: input.risk.level,
            mediatorId: input.mediatorId ?? null,
          },
        });
        return { ...created, riskId: risk.id };
      });
      const { processInstanceId } = await startAfterCommit(db, engine, dispute.id, (tx) =>
        tx.dispute.delete({ where: { id: dispute.id } }),
      );
      const { riskId, ...registered } = dispute;
      const started = { ...registered, processInstanceId };
      await alertIfHigh(started, riskId, input.risk.level, input.risk.reasons);
      // The amount as a number, as every other dispute answer gives it (not Decimal's string).
      return { ...started, amount: input.amount ?? null };
    },

    /**
     * The case page: parties (contacts in full only for the units that mediate it), risk history,
     * sessions, consents, the agreement, visits, the open steps and the clocks. Audited.
     */
    async get(id: string, who: Caller, address?: string) {
      const found = await readable(id, who);
      const dispute = await db.dispute.findUniqueOrThrow({
        where: { id: found.id },
        include: {
          type: true,
          parties: { orderBy: { id: 'asc' } },
          risks: { orderBy: { at: 'asc' } },
          sessions: { orderBy: { heldAt: 'asc' } },
          consents: { orderBy: { at: 'asc' } },
          agreement: true,
          confirmation: true,
          visits: { orderBy: { seq: 'asc' } },
        },
      });
      const full = who.ability.can('update', subject('Dispute', found));
      const [steps, units, cards] = await Promise.all([
        openSteps(db, dispute.processInstanceId),
        db.org.findMany({
          where: { id: { in: [dispute.communityId, ...dispute.handlerUnitIds] } },
          select: { id: true, name: true },
        }),
        cardsOfCase(db, 'DISPUTE', dispute.id),
      ]);
      const supervisable =
        !dispute.closedAt &&
        (await maySupervise(db, who, steps, dispute.handlerUnitIds.at(-1) ?? dispute.communityId));
      const now = new Date();
      await audit.record({
        by: who.user.id,
        action: 'dispute.read',
        subjectType: 'Dispute',
        subjectId: dispute.id,
        address,
      });
      return {
        ...dispute,
        amount: dispute.amount === null ? null : Number(dispute.amount),
        parties: dispute.parties.map((p) => ({
          ...p,
          phone: full ? p.phone : maskPhone(p.phone),
          address: full ? p.address : p.address && '***',
        })),
        risks: dispute.risks.map((r) => ({ ...r, id: String(r.id) })),
        sessions: dispute.sessions.map((s) => ({ ...s, id: String(s.id) })),
        consents: dispute.consents.map((c) => ({ ...c, id: String(c.id) })),
        visits: dispute.visits.map((v) => ({ ...v, id: String(v.id) })),
        confirmation: dispute.confirmation && confirmationOf(dispute.confirmation),
        canConfirm: who.ability.can('confirm', subject('Dispute', found)),
        steps: steps.map((step) => ({
          key: step.key,
          elementId: step.elementId,
          name: step.name,
          orgId: step.orgId,
          assignee: step.assignee,
          dueDate: step.dueDate,
          redAt: step.redAt,
          deadlineState: deadlineStateOf(step, now),
        })),
        // 督办/催办 cards on the dispute (supervisors' and the overdue scan's), and whether the caller may issue one.
        cards,
        maySupervise: supervisable,
        units: Object.fromEntries(units.map((u) => [u.id, u.name])),
        contactsMasked: !full,
      };
    },

    /**
     * The 人民调解协议书 of a settled dispute, for the mediating units to print and have signed
     * (contacts are theirs to see); 404 outside the caller's scope, 409 before an agreement.
     * Audited as an export.
     */
    async agreementPaper(id: string, who: Caller, address?: string) {
      const found = await readable(id, who);
      if (!who.ability.can('update', subject('Dispute', found))) throw new HttpError(403, 'error.forbidden');
      const dispute = await db.dispute.findUniqueOrThrow({
        where: { id: found.id },
        include: { type: true, parties: { orderBy: { id: 'asc' } }, agreement: true },
      });
      if (!dispute.agreement) throw new HttpError(409, 'error.noAgreement');
      const [mediator, unit] = await Promise.all([
        dispute.mediatorId
          ? db.user.findUnique({ where: { id: dispute.mediatorId }, select: { displayName: true } })
          : null,
        db.org.findUnique({
          where: { id: dispute.handlerUnitIds[0] ?? dispute.communityId },
          select: { name: true, fullName: true },
        }),
      ]);
      await audit.record({
        by: who.user.id,
        action: 'export.pdf',
        subjectType: 'Dispute',
        subjectId: dispute.id,
        address,
        detail: { paper: 'agreement', caseNo: dispute.caseNo },
      });
      return agreementDocument({
        caseNo: dispute.caseNo,
        typeName: dispute.type.name,
        summary: dispute.summary,
        parties: dispute.parties.map((p) => ({ name: p.name, address: p.address })),
        terms: dispute.agreement.terms,
        signedAt: dispute.agreement.signedAt,
        mediatorName: mediator?.displayName ?? null,
        committee: unit?.fullName ?? (unit ? `${unit.name}人民调解委员会` : ''),
      });
    },

    /** 调解概况: the disputes of a unit's area (default: the caller's scope), counts per stage, clocks. */
    async list(query: { unit?: string; stage?: DisputeStage; page: number; pageSize: number }, who: Caller) {
      let area: Prisma.DisputeWhereInput = {};
      if (query.unit) {
        const unit = await db.org.findUnique({ where: { id: query.unit } });
        if (!unit || !who.ability.can('assign', subject('Org', unit)))
          throw new HttpError(404, 'error.notFound');
        area = { communityPath: { startsWith: unit.path } };
      }
      const scope: Prisma.DisputeWhereInput = {
        AND: [accessibleBy(who.ability, 'read').ofType('Dispute'), area],
      };
      const where: Prisma.DisputeWhereInput = { AND: [scope, query.stage ? { stage: query.stage } : {}] };
      const now = new Date();
      const mediating = { AND: [scope, { stage: { in: MEDIATING } }] };
      const [total, items, byStage, yellow, red] = await Promise.all([
        db.dispute.count({ where }),
        db.dispute.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
          include: { type: true },
        }),
        db.dispute.groupBy({ by: ['stage'], where: scope, _count: { _all: true } }),
        db.dispute.count({
          where: { AND: [mediating, { stageDueAt: { lt: now } }, { stageRedAt: { gte: now } }] },
        }),
        db.dispute.count({ where: { AND: [mediating, { stageRedAt: { lt: now } }] } }),
      ]);
      return {
        total,
        page: query.page,
        pageSize: query.pageSize,
        byStage: Object.fromEntries(byStage.map((s) => [s.stage, s._count._all])),
        clocks: { yellow, red },
        items: items.map(({ amount, ...d }) => ({
          ...d,
          amount: amount === null ? null : Number(amount),
          clock: clockOf(d, now),
        })),
      };
    },

    /**
     * Corrects the type and the parties while the dispute is being mediated: a dispute handed over
     * from an event starts as "other" with only its reporter as a party. A new type re-routes the
     * stages not entered yet (the department at people's mediation, the court liaison before the
     * judicial stage) by the same decision as intake; the fast track and the limits stay as intake
     * set them, since the clock already runs. A party with consent on record cannot be removed.
     * Returns what changed, for the audit entry (counts, no personal data).
     */
    async correct(id: string, input: Correction, who: Caller) {
      const dispute = await mediated(id, who);
      const type = await activeType(input.type);
      const existing = await db.disputeParty.findMany({
        where: { disputeId: dispute.id },
        include: { _count: { select: { consents: true } } },
      });
      const kept = new Set<string>();
      input.parties.forEach((p, i) => {
        if (p.id === undefined) return;
        if (!existing.some((e) => e.id === p.id) || kept.has(p.id))
          throw fieldError(`parties.${i}.id`, t('error.notAParty'));
        kept.add(p.id);
      });
      const removed = existing.filter((e) => !kept.has(e.id));
      if (removed.some((e) => e._count.consents > 0)) throw fieldError('parties', t('error.partyHasConsent'));

      const retyped = type.code !== dispute.typeCode;
      let routing: Record<string, string> = {};
      if (retyped) {
        const routed = await routeDispute(
          engine,
          db,
          type.code,
          dispute.amount === null ? null : Number(dispute.amount),
        );
        if (typeof routed === 'string') throw new HttpError(409, 'error.disputeNotRoutable');
        routing = {
          ...(dispute.stage === 'PEOPLE' ? { deptUnitId: routed.deptUnitId } : {}),
          ...(dispute.stage !== 'JUDICIAL' ? { judicialUnitId: routed.judicialUnitId } : {}),
        };
      }
      const contact = (p: Party) => ({ name: p.name, phone: p.phone ?? null, address: p.address ?? null });
      const command = await db.$transaction(async (tx) => {
        await tx.dispute.update({ where: { id: dispute.id }, data: { typeCode: type.code } });
        await tx.disputeParty.deleteMany({ where: { id: { in: removed.map((e) => e.id) } } });
        for (const p of input.parties) {
          if (p.id) await tx.disputeParty.update({ where: { id: p.id }, data: contact(p) });
          else await tx.disputeParty.create({ data: { disputeId: dispute.id, ...contact(p) } });
        }
        return retyped
          ? queueCommand(tx, dispute.processInstanceId!, {
              kind: 'set-variables',
              variables: { disputeType: type.code, ...routing },
            })
          : null;
      });
      if (command) await commandAfterCommit(db, engine, command);
      return {
        from: { type: dispute.typeCode, parties: existing.length },
        to: { type: type.code, parties: input.parties.length },
        removedParties: removed.length,
        addedParties: input.parties.filter((p) => !p.id).length,
        ...(retyped ? { rerouted: routing } : {}),
      };
    },

    /** A mediation session (date, attendees, result) at the current stage. */
    async session(id: string, input: { heldAt: Date; attendees: string[]; result: string }, who: Caller) {
      const dispute = await mediated(id, who);
      const row = await db.disputeSession.create({
        data: { disputeId: dispute.id, stage: dispute.stage, ...input, recordedById: who.user.id },
      });
      return { ...row, id: String(row.id) };
    },

    /** A party's consent to extend the current stage's limit by up to `days` days. */
    async consent(id: string, input: { partyId: string; days: number }, who: Caller) {
      const dispute = await mediated(id, who);
      const party = await db.disputeParty.findUnique({ where: { id: input.partyId } });
      if (party?.disputeId !== dispute.id) throw fieldError('partyId', t('error.notAParty'));
      const row = await db.disputeConsent.create({
        data: {
          disputeId: dispute.id,
          partyId: party.id,
          stage: dispute.stage,
          days: input.days,
          recordedById: who.user.id,
        },
      });
      return { ...row, id: String(row.id) };
    },

    /**
     * 调解协议: recorded, then delivered to the waiting 调解 step (`dispute-agreed`), which moves the
     * dispute on to the 司法确认 window and return visits. When no 调解 step waits (first contact
     * pending), nothing stays recorded and the answer is 409.
     */
    async agreement(id: string, input: { terms: string; signedAt: Date; signatures: string[] }, who: Caller) {
      const dispute = await mediated(id, who);
      const waiting = await engine
        .eventSubscriptions(dispute.processInstanceId!, 'dispute-agreed')
        .catch(() => {
          throw new HttpError(503, 'error.engineUnavailable');
        });
      if (!waiting.length) throw new HttpError(409, 'error.mediationNotWaiting');
      const { agreement, command } = await db.$transaction(async (tx) => {
        await lockFor(tx, `dispute:${dispute.id}`);
        if (await tx.disputeAgreement.findUnique({ where: { disputeId: dispute.id } }))
          throw new HttpError(409, 'error.agreementExists');
        return {
          agreement: await tx.disputeAgreement.create({
            data: { disputeId: dispute.id, stage: dispute.stage, ...input, recordedById: who.user.id },
          }),
          // Who records the agreement mediated the case when nobody held 调解: the engine keeps them
          // as its holder, so the return visit's four eyes (loop.ts) bars them.
          command: await queueCommand(tx, dispute.processInstanceId!, {
            kind: 'correlate',
            message: 'dispute-agreed',
            holder: { step: 'mediate', userId: who.user.id },
          }),
        };
      });
      // The 调解 step ended between the look and the delivery: nothing stays recorded.
      await commandAfterCommit(db, engine, command, (tx) =>
        tx.disputeAgreement.delete({ where: { disputeId: dispute.id } }),
      ).catch((err) => {
        throw err instanceof EngineError ? new HttpError(409, 'error.mediationNotWaiting') : err;
      });
      return agreement;
    },

    /**
     * 司法确认申请: the parties (two or more of them, jointly) applied to the court within the window
     * after the agreement took effect on signing: the window the agreement step set, or the law's
     * 30 days counted as 民法典 counts them while that step has not run yet. Once per agreement.
     */
    async applyForConfirmation(id: string, input: ConfirmationApplication, who: Caller) {
      const dispute = await confirming(id, who);
      const row = await db.$transaction(async (tx) => {
        await lockFor(tx, `dispute:${dispute.id}`);
        const [agreement, parties, existing] = await Promise.all([
          tx.disputeAgreement.findUnique({ where: { disputeId: dispute.id } }),
          tx.disputeParty.findMany({ where: { disputeId: dispute.id } }),
          tx.disputeConfirmation.findUnique({ where: { disputeId: dispute.id } }),
        ]);
        if (!agreement) throw new HttpError(409, 'error.noAgreement');
        if (existing) throw new HttpError(409, 'error.confirmationExists');
        const applicants = input.applicants.map((partyId, i) => {
          const party = parties.find((p) => p.id === partyId);
          if (!party) throw fieldError(`applicants.${i}`, t('error.notAnApplicant'));
          return party;
        });
        if (new Set(input.applicants).size < 2) throw fieldError('applicants', t('error.notAnApplicant'));
        const lastDay = dispute.confirmDueAt
          ? beijingDate(dispute.confirmDueAt)
          : (await workingCalendar(tx)).addStatutoryDays(agreement.signedAt, CONFIRM_DAYS).dueDate;
        if (input.appliedOn < beijingDate(agreement.signedAt))
          throw fieldError('appliedOn', t('error.beforeAgreement'));
        if (input.appliedOn > beijingDate(new Date())) throw fieldError('appliedOn', t('error.futureDate'));
        if (input.appliedOn > lastDay)
          throw fieldError('appliedOn', tf('error.confirmWindowPassed', { dueDate: lastDay }));
        const created = await tx.disputeConfirmation.create({
          data: {
            disputeId: dispute.id,
            appliedOn: dateColumn(input.appliedOn),
            court: input.court,
            applicants: applicants.map((p) => p.name),
            recordedById: who.user.id,
          },
        });
        await onTimeline(tx, dispute, 'judicial-confirmation-applied', who, {
          appliedOn: input.appliedOn,
          court: input.court,
        });
        return created;
      });
      return confirmationOf(row);
    },

    /** 司法确认裁定: the court's ruling on the application on record (确认有效 or 驳回), once. */
    async recordRuling(id: string, input: ConfirmationRuling, who: Caller) {
      const dispute = await confirming(id, who);
      const row = await db.$transaction(async (tx) => {
        await lockFor(tx, `dispute:${dispute.id}`);
        const application = await tx.disputeConfirmation.findUnique({ where: { disputeId: dispute.id } });
        if (!application) throw new HttpError(409, 'error.noConfirmationApplication');
        if (application.ruling) throw new HttpError(409, 'error.rulingExists');
        if (input.ruledOn < dateOf(application.appliedOn)!)
          throw fieldError('ruledOn', t('error.beforeApplication'));
        if (input.ruledOn > beijingDate(new Date())) throw fieldError('ruledOn', t('error.futureDate'));
        const updated = await tx.disputeConfirmation.update({
          where: { disputeId: dispute.id },
          data: {
            ruledOn: dateColumn(input.ruledOn),
            ruling: input.ruling,
            courtCaseNo: input.courtCaseNo,
            ruledById: who.user.id,
            ruledAt: new Date(),
          },
        });
        await onTimeline(tx, dispute, 'judicial-confirmation-ruled', who, {
          ruledOn: input.ruledOn,
          ruling: input.ruling,
          courtCaseNo: input.courtCaseNo,
        });
        return updated;
      });
      return confirmationOf(row);
    },

    /** 防激化 re-assessment at the current stage; high risk alerts as at intake. */
    async assessRisk(
      id: string,
      input: { level: RiskLevel; reasons: string[]; escalated?: boolean },
      who: Caller,
    ) {
      const dispute = await mediated(id, who, true);
      const [risk, updated] = await db.$transaction([
        db.disputeRiskAssessment.create({
          data: {
            disputeId: dispute.id,
            stage: dispute.stage,
            level: input.level,
            reasons: input.reasons,
            assessedById: who.user.id,
          },
        }),
        db.dispute.update({
          where: { id: dispute.id },
          data: { riskLevel: input.level, ...(input.escalated ? { escalated: true } : {}) },
        }),
      ]);
      await alertIfHigh(updated, risk.id, input.level, input.reasons);
      return { ...risk, id: String(risk.id) };
    },
  };
}

export type DisputesService = ReturnType<typeof createDisputesService>;
