import { subject } from '@casl/ability';
import type { Org } from '@prisma/client';
import type { Db } from '../../../../lib/db';
import type { Queues } from '../../../../lib/queues';
import type { AppAbility, SessionUser } from '../../abilities';
import { HttpError } from '../../http/errors';

type Caller = { user: SessionUser; ability: AppAbility };

export interface TargetInput {
  period: string;
  followUpRate: number;
  guardianAgreementRate: number;
  emergencyOnTimeRate: number;
}

const MEASURES = ['followUpRate', 'guardianAgreementRate', 'emergencyOnTimeRate'] as const;
type Measure = (typeof MEASURES)[number];

/** A period ("2026" or "2026-Q4") as Shanghai-time bounds. */
export function periodRange(period: string): { start: Date; end: Date } {
  const [year, quarter] = period.split('-Q').map(Number);
  const startMonth = quarter ? (quarter - 1) * 3 : 0;
  const months = quarter ? 3 : 12;
  const at = (y: number, m: number) => new Date(Date.UTC(y, m, 1) - 8 * 3600_000);
  return { start: at(year, startMonth), end: at(year, startMonth + months) };
}

/**
 * 目标值 per street: the district sets follow-up completion, guardian agreements and emergency
 * records on time; a street below a target sees it (GET) and gets one system message per period.
 */
export function createPatientTargetsService(db: Db, queues: Pick<Queues, 'notice'>) {
  /** A street's actual rates for a period; null where there is nothing to count yet. */
  async function actuals(street: Org, period: string, now = new Date()) {
    const { start, end } = periodRange(period);
    const inStreet = { gridPath: { startsWith: street.path } };
    const [followUps, overdueNow, persons, agreed, emergencies] = await Promise.all([
      db.followUp.findMany({
        where: { at: { gte: start, lt: end }, person: inStreet },
        select: { at: true, dueAt: true },
      }),
      db.person.count({
        where: { ...inStreet, nextFollowUpDueAt: { gte: start, lt: end < now ? end : now } },
      }),
      db.person.count({ where: inStreet }),
      db.person.count({ where: { ...inStreet, guardianAgreement: true } }),
      db.emergencyRecord.findMany({
        where: { openedAt: { gte: start, lt: end }, person: inStreet },
        select: { dueAt: true, recordedAt: true },
      }),
    ]);
    // Due follow-ups: those recorded in the period and those past due and still open.
    const dueFollowUps = followUps.length + overdueNow;
    const settled = emergencies.filter((e) => e.recordedAt || e.dueAt < now);
    const rate = (n: number, of: number) => (of ? n / of : null);
    return {
      followUpRate: rate(followUps.filter((f) => !f.dueAt || f.at <= f.dueAt).length, dueFollowUps),
      guardianAgreementRate: rate(agreed, persons),
      emergencyOnTimeRate: rate(
        settled.filter((e) => e.recordedAt && e.recordedAt <= e.dueAt).length,
        settled.length,
      ),
    } satisfies Record<Measure, number | null>;
  }

  /** Streets the caller looks at: those of their subtree, or the street they sit in. */
  async function streetsFor(who: Caller) {
    const streets = await db.org.findMany({
      where: { type: 'STREET', retiredAt: null },
      orderBy: { id: 'asc' },
    });
    return streets.filter(
      (s) => s.path.startsWith(who.user.org.path) || who.user.org.path.startsWith(s.path),
    );
  }

  async function figures(street: Org, period: string) {
    const target = await db.patientTarget.findUnique({
      where: { streetId_period: { streetId: street.id, period } },
    });
    const actual = await actuals(street, period);
    const below = target ? MEASURES.filter((m) => actual[m] !== null && actual[m]! < target[m]) : [];
    return {
      street: { id: street.id, name: street.name },
      period,
      target: target && {
        followUpRate: target.followUpRate,
        guardianAgreementRate: target.guardianAgreementRate,
        emergencyOnTimeRate: target.emergencyOnTimeRate,
      },
      actual,
      below,
    };
  }

  /** Only the district sets targets and sends the reminders. */
  function mayUpdate(who: Caller) {
    if (!who.ability.can('update', 'PatientTarget')) throw new HttpError(403, 'error.forbidden');
  }

  return {
    mayUpdate,

    async list(period: string, who: Caller) {
      const streets = await streetsFor(who);
      return { period, items: await Promise.all(streets.map((s) => figures(s, period))) };
    },

    async set(streetId: string, input: TargetInput, who: Caller) {
      mayUpdate(who);
      const street = await db.org.findUnique({ where: { id: streetId } });
      if (!street || street.type !== 'STREET' || !who.ability.can('read', subject('Org', street)))
        throw new HttpError(404, 'error.notFound');
      const data = {
        followUpRate: input.followUpRate,
        guardianAgreementRate: input.guardianAgreementRate,
        emergencyOnTimeRate: input.emergencyOnTimeRate,
        setById: who.user.id,
      };
      await db.patientTarget.upsert({
        where: { streetId_period: { streetId, period: input.period } },
        create: { streetId, period: input.period, ...data },
        update: data,
      });
      return figures(street, input.period);
    },

    /**
     * Reminds every street below a target of the period, once per street and period (the
     * notice's dedupKey): running it again, or daily, adds nothing until the next period.
     */
    async remind(period: string, who: Caller) {
      mayUpdate(who);
      const reminded: string[] = [];
      for (const street of await streetsFor(who)) {
        const f = await figures(street, period);
        if (!f.below.length) continue;
        const users = await db.user.findMany({
          where: { orgId: street.id, active: true },
          select: { id: true },
        });
        await queues.notice({
          kind: 'MESSAGE',
          dedupKey: `patient-target:${street.id}:${period}`,
          unitId: street.id,
          userIds: users.map((u) => u.id),
          title: { 'zh-CN': '重点人员工作未达目标值', en: 'Key-person work below target' },
          body: {
            'zh-CN': `【目标值提醒】${street.name} ${period}：${f.below.map((m) => MEASURE_NAMES[m]['zh-CN']).join('、')}低于区定目标`,
            en: `[Target reminder] ${street.name} ${period}: ${f.below.map((m) => MEASURE_NAMES[m].en).join(', ')} below the district's target`,
          },
        });
        reminded.push(street.id);
      }
      return { period, reminded };
    },
  };
}

const MEASURE_NAMES: Record<Measure, { 'zh-CN': string; en: string }> = {
  followUpRate: { 'zh-CN': '随访完成率', en: 'follow-up completion' },
  guardianAgreementRate: { 'zh-CN': '监护协议签订率', en: 'guardian agreements' },
  emergencyOnTimeRate: { 'zh-CN': '应急处置及时记录率', en: 'emergency records on time' },
};

export type PatientTargetsService = ReturnType<typeof createPatientTargetsService>;
