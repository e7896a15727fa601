/**
 * Reference data every district needs whatever its units and people: event categories, dispute
 * types, the default SLA table, care-team roles and key-person types. `npm run setup` applies it
 * on every run. It only creates rows that are missing and never updates one, because all of these
 * tables are edited by administrators afterwards (renamed, deactivated, deadlines changed) and a
 * re-run must not undo their edits:
 * - categories and dispute types: keyed by code; an admin renames or deactivates, never deletes;
 * - SLA rules: only the level defaults (no category) are seeded; the admin API refuses to delete
 *   a default (every deadline falls back to it), so re-creating a missing one undoes nothing;
 * - team roles and person types: keyed by code; a person type names the diagram it runs.
 * What is not here, and why: the statutory calendar ships in code (lib/calendar.ts, with years an
 * admin imports in CalendarYear), and the assessment's indicator weights are the decision
 * `processes/assessment-weights.dmn`, deployed with the diagrams.
 */
import type { Db } from '../lib/db';

/** GB/T 31000 groups used for dispatch (codes are what the DMN table matches). */
export const EVENT_CATEGORIES: [code: string, name: string][] = [
  ['public-security', '社会治安'],
  ['dispute', '矛盾纠纷'],
  ['special-groups', '特殊人群'],
  ['safety-hazard', '安全隐患'],
  ['urban-management', '城市管理'],
  ['environment', '生态环境'],
  ['public-service', '公共服务'],
  ['petition-clue', '信访线索'],
  ['other', '其他'],
];

/** Dispute types of three-way mediation (codes are what the route decision matches). */
export const DISPUTE_TYPES: [code: string, name: string][] = [
  ['family', '家事情感'],
  ['neighbour', '邻里'],
  ['labour', '劳资'],
  ['property', '物业'],
  ['consumer', '消费'],
  ['medical', '医患'],
  ['land', '土地'],
  ['other', '其他'],
];

/**
 * Default deadlines per step (element id): handle within 5 working days (yellow) / 10 (red),
 * urgent in hours (DESIGN.md §1); re-dispatch and approvals like acceptance (1/2 working days);
 * verification and the return visit in 2/3 working days, urgent ones within hours.
 */
const STEP_DEFAULTS: [step: string, normal: [number, number], urgentHours: [number, number]][] = [
  ['handle', [5, 10], [1, 2]],
  ['redispatch', [1, 2], [0.5, 1]],
  ['approve-extension', [1, 2], [0.5, 1]],
  ['verify', [2, 3], [2, 4]],
  ['visit', [2, 3], [24, 48]],
];
export const DEFAULT_SLA = (['GRID', 'COMMUNITY', 'STREET', 'DISTRICT'] as const).flatMap((level) =>
  STEP_DEFAULTS.flatMap(([step, normal, urgent]) => [
    { step, level, urgency: 'NORMAL' as const, unit: 'workingDays', yellow: normal[0], red: normal[1] },
    { step, level, urgency: 'URGENT' as const, unit: 'hours', yellow: urgent[0], red: urgent[1] },
  ]),
);

/**
 * 八位一体: the default roles of a care team, in order; `seesIdentity` marks the roles that work
 * with the person's identity (the follow-up, the police, the doctor) and read it unmasked.
 */
export const TEAM_ROLES: [code: string, zh: string, en: string, seesIdentity: boolean][] = [
  ['grid-member', '网格员', 'Grid member', true],
  ['police', '社区民警', 'Community police', true],
  ['psychiatrist', '精防医生', 'Psychiatric doctor', true],
  ['cadre', '综治专干', 'Community cadre', false],
  ['social-worker', '社工', 'Social worker', false],
  ['guardian', '监护人', 'Guardian', false],
  ['civil-affairs', '民政专干', 'Civil-affairs officer', false],
  ['disability', '残联专干', 'Disability-federation officer', false],
];

/** Kinds of key persons: a new kind is a row here and a diagram. */
export const PERSON_TYPES: { code: string; zh: string; en: string; processKey: string }[] = [
  {
    code: 'mental-disorder',
    zh: '严重精神障碍患者',
    en: 'Severe mental disorder',
    processKey: 'patient-care',
  },
];

/** How many rows each table got (0 everywhere on a re-run). */
export interface ReferenceCounts {
  categories: number;
  disputeTypes: number;
  slaRules: number;
  teamRoles: number;
  personTypes: number;
}

export async function seedReference(db: Db): Promise<ReferenceCounts> {
  const categories = await db.eventCategory.createMany({
    data: EVENT_CATEGORIES.map(([code, name]) => ({ code, name })),
    skipDuplicates: true,
  });
  const disputeTypes = await db.disputeType.createMany({
    data: DISPUTE_TYPES.map(([code, name]) => ({ code, name })),
    skipDuplicates: true,
  });
  // A null category never conflicts in a unique index, so ON CONFLICT cannot skip these: look first.
  const defaults = await db.slaRule.findMany({ where: { category: null } });
  const missing = DEFAULT_SLA.filter(
    (rule) =>
      !defaults.some((d) => d.step === rule.step && d.level === rule.level && d.urgency === rule.urgency),
  );
  const slaRules = await db.slaRule.createMany({ data: missing });
  const teamRoles = await db.teamRole.createMany({
    data: TEAM_ROLES.map(([code, zh, en, seesIdentity], i) => ({
      code,
      name: { 'zh-CN': zh, en },
      sort: i + 1,
      seesIdentity,
    })),
    skipDuplicates: true,
  });
  const personTypes = await db.personType.createMany({
    data: PERSON_TYPES.map((t) => ({
      code: t.code,
      name: { 'zh-CN': t.zh, en: t.en },
      processKey: t.processKey,
      teamRoles: TEAM_ROLES.map(([code]) => code),
    })),
    skipDuplicates: true,
  });
  return {
    categories: categories.count,
    disputeTypes: disputeTypes.count,
    slaRules: slaRules.count,
    teamRoles: teamRoles.count,
    personTypes: personTypes.count,
  };
}
