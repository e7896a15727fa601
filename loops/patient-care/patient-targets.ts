/**
 * 目标值 per street for key-person work: the actual rates of a period and the reminder a street
 * below its district-set targets gets. Shared by the API (the street's page, reminders on demand)
 * and the workers (the scheduled check), so both send the same message under the same key and a
 * street is told once per period whoever asks first.
 */
import type { Org } from '@prisma/client';
import type { Db } from '../../lib/db';
import type { Localized } from '../../lib/i18n';
import type { Queues } from '../../lib/queues';

export const MEASURES = ['followUpRate', 'guardianAgreementRate', 'emergencyOnTimeRate'] as const;
export type Measure = (typeof MEASURES)[number];

const MEASURE_NAMES: Record<Measure, Localized> = {
  followUpRate: { 'zh-CN': '随访完成率', en: 'follow-up completion' },
  guardianAgreementRate: { 'zh-CN': '监护协议签订率', en: 'guardian agreements' },
  emergencyOnTimeRate: { 'zh-CN': '应急处置及时记录率', en: 'emergency records on time' },
};

// China has one time zone and no daylight saving time, so a fixed offset is exact.
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** A period ("2026" or "2026-Q4") as Shanghai-time bounds. */
export function periodRange(period: string): { start: Date; end: Date } {
  const [year, quarter] = period.split('-Q').map(Number);
  const startMonth = quarter ? (quarter - 1) * 3 : 0;
  const months = quarter ? 3 : 12;
  const at = (y: number, m: number) => new Date(Date.UTC(y, m, 1) - SHANGHAI_OFFSET_MS);
  return { start: at(year, startMonth), end: at(year, startMonth + months) };
}

/** The periods `at` lies in, in Shanghai time: its year and its quarter ("2026", "2026-Q4"). */
export function periodsAt(at: Date): string[] {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const year = local.getUTCFullYear();
  return [String(year), `${year}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`];
}

/** A street's actual rates for a period; null where there is nothing to count yet. */
async function actuals(db: Db, street: Org, period: string, now = new Date()) {
  const { start, end } = periodRange(period);
  const inStreet = { gridPath: { startsWith: street.path } };
  // Files in care: a closed file (结案) owes no more follow-ups or agreements.
  const inCare = { ...inStreet, closedAt: null };
  const [followUps, overdueNow, persons, agreed, emergencies] = await Promise.all([
    db.followUp.findMany({
      where: { at: { gte: start, lt: end }, person: inStreet },
      select: { at: true, dueAt: true },
    }),
    db.person.count({
      where: { ...inCare, nextFollowUpDueAt: { gte: start, lt: end < now ? end : now } },
    }),
    db.person.count({ where: inCare }),
    db.person.count({ where: { ...inCare, guardianAgreement: true } }),
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

/** A street's target, actual rates and the measures below target for a period. */
export async function streetFigures(db: Db, street: Org, period: string) {
  const target = await db.patientTarget.findUnique({
    where: { streetId_period: { streetId: street.id, period } },
  });
  const actual = await actuals(db, street, period);
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

/**
 * Tells a street below a target of the period, by a system message to its users (and its robots),
 * keyed by street and period: asking again, on demand or on schedule, adds nothing. True when the
 * street is below a target.
 */
export async function remindStreet(db: Db, queues: Pick<Queues, 'notice'>, street: Org, period: string) {
  const f = await streetFigures(db, street, period);
  if (!f.below.length) return false;
  const users = await db.user.findMany({ where: { orgId: street.id, active: true }, select: { id: true } });
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
  return true;
}
