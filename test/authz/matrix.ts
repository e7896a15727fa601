/**
 * The authorisation matrix: every route of the API (routeSpecs) × every demo role × the scope of
 * the record it names, with the status the API answers. test/__tests__/authz-matrix.e2e.test.ts
 * sends every cell; `npm run authz:matrix` writes docs/authz-matrix.md from this table, and
 * test/__tests__/authz-matrix.unit.test.ts fails when a route has no row or the document is stale.
 */

import { accessText, type Access } from '../../api/src/http/define-route';

/** The demo users of prisma/seed.ts, in column order; `anonymous` sends no session. */
export const ROLES = [
  ['admin', 'admin', "ADMIN+SECURITY_ADMIN+AUDIT_ADMIN (the demo's three in one), 宝安区 (district)"],
  ['district.lead', 'lead', 'SUPERVISOR, 宝安区 (district)'],
  ['xa.supervisor', 'xa.sup', 'SUPERVISOR+STAFF, 新安街道 BA-XA (street)'],
  ['xa.staff', 'xa.staff', 'STAFF, 新安街道 BA-XA (street)'],
  ['haiwang.staff', 'hw.staff', 'STAFF, 海旺社区 BA-XA-C01 (community)'],
  ['grid.hw01', 'hw01', 'GRID_MEMBER, 海旺第1网格 BA-XA-C01-G01 (grid)'],
  ['grid.hw02', 'hw02', 'GRID_MEMBER, 海旺第2网格 BA-XA-C01-G02 (sibling grid)'],
  ['grid.gs01', 'gs01', 'GRID_MEMBER, 固戍第1网格 BA-XX-C01-G01 (another street)'],
  ['justice.staff', 'justice', 'STAFF, 区司法局 BA-D-JUSTICE (department)'],
  ['designer', 'designer', 'DESIGNER, 宝安区 (district)'],
  ['xa.admin', 'xa.admin', "ADMIN only, 新安街道 BA-XA (a street's system administrator)"],
  ['sec.admin', 'sec', 'SECURITY_ADMIN only, 宝安区 (district)'],
  ['audit.admin', 'audit', 'AUDIT_ADMIN only, 宝安区 (district)'],
  ['anonymous', 'anon', 'no session'],
] as const;
export type Role = (typeof ROLES)[number][0];

/**
 * The records a row names. A case target is one event-handling case, created in the test through
 * the API as users would (reported by a grid member, escalated or transferred by whoever holds it);
 * its task is the open 处置 step where the case now is. Seen from grid.hw01 they are: G01 own
 * unit, C01 parent, XA grandparent, G02 sibling, XX another street, JUSTICE a department; seen from
 * haiwang.staff G01/G02 are children, and so on along the columns.
 */
export const TARGETS = {
  G01: 'case reported in BA-XA-C01-G01, open at that grid',
  C01: 'case of BA-XA-C01-G01 escalated to 海旺社区 BA-XA-C01',
  XA: 'case of BA-XA-C01-G01 escalated to 新安街道 BA-XA',
  G02: 'case reported in the sibling grid BA-XA-C01-G02, open there',
  XX: 'case reported in BA-XX-C01-G01 (西乡街道), open there',
  JUSTICE: 'case of BA-XA-C01-G01 transferred (转办) to 区司法局 BA-D-JUSTICE',
  def: 'the newest event-handling definition; the first decision table the designer lists',
  'score@C01': 'an assessment score of 海旺社区 BA-XA-C01',
  'score@XX': 'an assessment score of 西乡街道 BA-XX',
  'note@hw01': "one of grid.hw01's notifications",
  'dispute@C01': 'a dispute registered by 海旺社区 BA-XA-C01, at people’s mediation there',
  'dispute@XX': 'a dispute of 固戍社区 BA-XX-C01 (西乡街道, another street), at people’s mediation there',
  'unit:own': "the caller's own unit (no unit named)",
  'unit:C01': 'unit=BA-XA-C01 (海旺社区)',
  'unit:XX': 'unit=BA-XX (西乡街道, another street)',
  'unit:JUSTICE': 'unit=BA-D-JUSTICE (a department)',
  'unit:none': 'unit=NO-SUCH-UNIT',
  'grid:G01': 'grid BA-XA-C01-G01 (gridId, its id in the path, or a point inside it)',
  'grid:XX': 'grid BA-XX-C01-G01 of another street (gridId, its id in the path, or a point inside it)',
  petition: 'a petition registered by the 信访 office and 交办 to 海旺社区 BA-XA-C01, open at 办理 there',
  year: 'calendar year 2098 (a provisional year; the import is removed afterwards)',
  'file@G01': 'a photo grid.hw01 uploaded with a case reported in BA-XA-C01-G01',
  'patient@G01':
    "a key person's file in BA-XA-C01-G01 opened by haiwang.staff; team: grid.hw01 (designated follow-up member) and haiwang.staff",
  'street:XA': 'streetId=BA-XA (新安街道)',
  'building@G01':
    'a building of 海旺社区 BA-XA-C01 in grid BA-XA-C01-G01 imported by haiwang.staff, with a room, a resident and a business (the route names the one of its kind)',
} as const;
export type Target = keyof typeof TARGETS;

/** One row: a route (as in routeSpecs), the record or unit it names, and one status per role. */
export interface Row {
  route: string;
  target?: Target;
  /** What is sent, when it is not the plain valid request. */
  probe?: string;
  /** One status per role, in ROLES order. */
  expect: number[];
}

const row = (route: string, target: Target | undefined, expect: string, probe?: string): Row => ({
  route,
  target,
  probe,
  expect: expect.split(/\s+/).map(Number),
});
const CASES = ['G01', 'C01', 'XA', 'G02', 'XX', 'JUSTICE'] as const;
const perCase = (route: string, expects: string[], probe?: string) =>
  CASES.map((c, i) => row(route, c, expects[i], probe));

/** What the probes mean (a probe leaves the target as it was, so every cell runs against it). */
export const PROBES: Record<string, string> = {
  'own password': 'each user logs in with their own password; anonymous names a user that does not exist',
  'empty password change': 'a password change without its fields: 400 once signed in, nothing changed',
  'no such user':
    'a user that does not exist (ending their sessions, lifting their lockout): 404 once allowed',
  empty: 'a completion without its outcome: 400 once allowed, so the case stays where it is',
  'unknown unit': '转办 to NO-SUCH-UNIT: 400 once allowed',
  'unknown user': '委派, 抄送, 加签 or 准予例外 for a user id that does not exist: 400 once allowed',
  'not archived': '重办 of an open case: 409 (not yet archived) once allowed',
  'bad xml': 'XML that is no diagram: 400 once allowed, nothing deployed',
  'no such group': 'a candidate group nobody mapped: 404 once allowed',
  'built-in loop':
    'event-handling, a loop started on its own page (事件上报): 409 once allowed, nothing started',
  'past month': 'a month long gone and closed: 409 once allowed, nothing started',
  'empty form': 'a create without its fields: 400 once allowed, nothing written',
  'no such record':
    'an admin route naming a unit, user, rule, category, channel, robot or import that does not exist: 404 once allowed',
  'empty body': 'a request without its fields: 400 once allowed, nothing written',
  'no file type': 'an upload whose body has no file type: 415 once signed in, nothing stored',
  'bad file': 'a file whose ID number is malformed: 400 once allowed, nothing opened',
  'empty team': 'a team with no members: 400 once allowed, the team stays',
  'not a member': 'a designated member who is not on the team: 400 once allowed',
  'empty follow-up': 'a follow-up without its fields: 400 for the designated member, nothing recorded',
  'bad rate': 'a target rate above 1: 400 once allowed, nothing set',
  'low risk': 'a risk report below 3 (no emergency): 400 once allowed, the cycle goes on',
  'bad reason':
    'a close (结案) whose reason is none of death, movedAway, recovered: 400 once allowed, the file stays open',
  'past period': 'reminders for a period long gone, with no targets: 200, nobody reminded',
  'unknown field': 'a body with a field the route does not take: 400 once allowed, nothing written',
  'no key': 'a vendor push without X-Channel-Key: 401 whoever is signed in, nothing kept',
  'nothing filed': 'the planner with no plan filed: 200, no inspection made',
  'unknown link': "an enterprise's self-check link that was never issued: 404 whoever asks, nothing kept",
};

// prettier-ignore
export const MATRIX: Row[] = [
  row('GET /api/health', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 200'),

  row('POST /api/auth/login', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401', 'own password'),
  row('POST /api/auth/logout', undefined, '204 204 204 204 204 204 204 204 204 204 204 204 204 204'),
  row('POST /api/auth/logout-all', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('POST /api/auth/password', undefined, '400 400 400 400 400 400 400 400 400 400 400 400 400 401', 'empty password change'),
  row('POST /api/users/:id/sessions/revoke', undefined, '404 403 403 403 403 403 403 403 403 403 404 404 403 401', 'no such user'),

  row('GET /api/me', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),

  row('GET /api/process-names', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),

  row('GET /api/inbox', 'unit:own', '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('GET /api/inbox', 'unit:C01', '200 200 200 200 200 400 400 400 400 200 200 200 200 401'),
  row('GET /api/inbox', 'unit:XX', '200 200 400 400 400 400 400 400 400 200 400 200 200 401'),
  row('GET /api/inbox/shared', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('GET /api/inbox/steps', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),

  ...perCase('GET /api/tasks/:key', [
    '404 200 200 404 404 200 404 404 404 404 404 404 404 401',
    '404 200 200 404 200 404 404 404 404 404 404 404 404 401',
    '404 200 200 200 404 404 404 404 404 404 404 404 404 401',
    '404 200 200 404 404 404 200 404 404 404 404 404 404 401',
    '404 200 404 404 404 404 404 200 404 404 404 404 404 401',
    '404 200 404 404 404 404 404 404 200 404 404 404 404 401',
  ]),
  ...perCase('GET /api/tasks/:key/form', [
    '404 200 200 404 404 200 404 404 404 404 404 404 404 401',
    '404 200 200 404 200 404 404 404 404 404 404 404 404 401',
    '404 200 200 200 404 404 404 404 404 404 404 404 404 401',
    '404 200 200 404 404 404 200 404 404 404 404 404 404 401',
    '404 200 404 404 404 404 404 200 404 404 404 404 404 401',
    '404 200 404 404 404 404 404 404 200 404 404 404 404 401',
  ]),
  ...perCase('POST /api/tasks/:key/claim', [
    '404 403 403 404 404 200 404 404 404 404 404 404 404 401',
    '404 403 403 404 200 404 404 404 404 404 404 404 404 401',
    '404 403 200 200 404 404 404 404 404 404 404 404 404 401',
    '404 403 403 404 404 404 200 404 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 200 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 404 200 404 404 404 404 401',
  ]),
  ...perCase('POST /api/tasks/:key/unclaim', [
    '404 403 403 404 404 403 404 404 404 404 404 404 404 401',
    '404 403 403 404 403 404 404 404 404 404 404 404 404 401',
    '404 403 403 403 404 404 404 404 404 404 404 404 404 401',
    '404 403 403 404 404 404 403 404 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 403 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 404 403 404 404 404 404 401',
  ]),
  ...perCase('POST /api/tasks/:key/complete', [
    '404 403 403 404 404 400 404 404 404 404 404 404 404 401',
    '404 403 403 404 400 404 404 404 404 404 404 404 404 401',
    '404 403 400 400 404 404 404 404 404 404 404 404 404 401',
    '404 403 403 404 404 404 400 404 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 400 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 404 400 404 404 404 404 401',
  ], 'empty'),
  ...perCase('POST /api/tasks/:key/return', [
    '404 403 403 404 404 200 404 404 404 404 404 404 404 401',
    '404 403 403 404 200 404 404 404 404 404 404 404 404 401',
    '404 403 200 200 404 404 404 404 404 404 404 404 404 401',
    '404 403 403 404 404 404 200 404 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 200 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 404 200 404 404 404 404 401',
  ]),
  ...perCase('POST /api/tasks/:key/transfer', [
    '404 403 403 404 404 400 404 404 404 404 404 404 404 401',
    '404 403 403 404 400 404 404 404 404 404 404 404 404 401',
    '404 403 400 400 404 404 404 404 404 404 404 404 404 401',
    '404 403 403 404 404 404 400 404 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 400 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 404 400 404 404 404 404 401',
  ], 'unknown unit'),
  ...perCase('POST /api/tasks/:key/extension', [
    '404 403 403 404 404 200 404 404 404 404 404 404 404 401',
    '404 403 403 404 200 404 404 404 404 404 404 404 404 401',
    '404 403 200 200 404 404 404 404 404 404 404 404 404 401',
    '404 403 403 404 404 404 200 404 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 200 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 404 200 404 404 404 404 401',
  ]),
  ...perCase('POST /api/tasks/:key/delegate', [
    '404 403 403 404 404 403 404 404 404 404 404 404 404 401',
    '404 403 403 404 403 404 404 404 404 404 404 404 404 401',
    '404 403 403 403 404 404 404 404 404 404 404 404 404 401',
    '404 403 403 404 404 404 403 404 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 403 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 404 403 404 404 404 404 401',
  ], 'unknown user'),
  ...perCase('POST /api/tasks/:key/recall', [
    '404 403 403 404 404 403 404 404 404 404 404 404 404 401',
    '404 403 403 404 403 404 404 404 404 404 404 404 404 401',
    '404 403 403 403 404 404 404 404 404 404 404 404 404 401',
    '404 403 403 404 404 404 403 404 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 403 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 404 403 404 404 404 404 401',
  ]),
  ...perCase('POST /api/tasks/:key/copy', [
    '404 403 403 404 404 400 404 404 404 404 404 404 404 401',
    '404 403 403 404 400 404 404 404 404 404 404 404 404 401',
    '404 403 400 400 404 404 404 404 404 404 404 404 404 401',
    '404 403 403 404 404 404 400 404 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 400 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 404 400 404 404 404 404 401',
  ], 'unknown user'),
  ...perCase('POST /api/tasks/:key/cosign', [
    '404 403 403 404 404 400 404 404 404 404 404 404 404 401',
    '404 403 403 404 400 404 404 404 404 404 404 404 404 401',
    '404 403 400 400 404 404 404 404 404 404 404 404 404 401',
    '404 403 403 404 404 404 400 404 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 400 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 404 400 404 404 404 404 401',
  ], 'unknown user'),
  ...perCase('POST /api/tasks/:key/cosign/cancel', [
    '404 403 403 404 404 403 404 404 404 404 404 404 404 401',
    '404 403 403 404 403 404 404 404 404 404 404 404 404 401',
    '404 403 403 403 404 404 404 404 404 404 404 404 404 401',
    '404 403 403 404 404 404 403 404 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 403 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 404 403 404 404 404 404 401',
  ]),
  ...perCase('POST /api/tasks/:key/sign', [
    '404 403 403 404 404 403 404 404 404 404 404 404 404 401',
    '404 403 403 404 403 404 404 404 404 404 404 404 404 401',
    '404 403 403 403 404 404 404 404 404 404 404 404 404 401',
    '404 403 403 404 404 404 403 404 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 403 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 404 403 404 404 404 404 401',
  ]),
  // 准予例外: supervisors alone, over the steps of their subtree; the user named is not barred there.
  ...perCase('POST /api/tasks/:key/permit', [
    '403 400 400 403 403 403 403 403 403 403 403 403 403 401',
    '403 400 400 403 403 403 403 403 403 403 403 403 403 401',
    '403 400 400 403 403 403 403 403 403 403 403 403 403 401',
    '403 400 400 403 403 403 403 403 403 403 403 403 403 401',
    '403 400 404 403 403 403 403 403 403 403 403 403 403 401',
    '403 400 404 403 403 403 403 403 403 403 403 403 403 401',
  ], 'unknown user'),
  ...perCase('POST /api/tasks/:key/withdraw', [
    '404 409 409 404 404 409 404 404 404 404 404 404 404 401',
    '404 409 409 404 409 404 404 404 404 404 404 404 404 401',
    '404 409 409 409 404 404 404 404 404 404 404 404 404 401',
    '404 409 409 404 404 404 409 404 404 404 404 404 404 401',
    '404 409 404 404 404 404 404 409 404 404 404 404 404 401',
    '404 409 404 404 404 404 404 404 409 404 404 404 404 401',
  ]),
  ...perCase('POST /api/tasks/:key/resolve', [
    '404 403 403 404 404 403 404 404 404 404 404 404 404 401',
    '404 403 403 404 403 404 404 404 404 404 404 404 404 401',
    '404 403 403 403 404 404 404 404 404 404 404 404 404 401',
    '404 403 403 404 404 404 403 404 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 403 404 404 404 404 404 401',
    '404 403 404 404 404 404 404 404 403 404 404 404 404 401',
  ]),

  row('GET /api/event-categories', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),

  row('POST /api/events', 'grid:G01', '403 201 201 201 201 201 400 400 400 201 403 403 403 401'),
  row('POST /api/events', 'grid:XX', '403 201 400 400 400 400 400 201 400 201 403 403 403 401'),
  row('GET /api/events', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  ...perCase('GET /api/events/:id', [
    '404 200 200 200 200 200 404 404 404 200 404 404 404 401',
    '404 200 200 200 200 200 404 404 404 200 404 404 404 401',
    '404 200 200 200 200 200 404 404 404 200 404 404 404 401',
    '404 200 200 200 200 404 200 404 404 200 404 404 404 401',
    '404 200 404 404 404 404 404 200 404 200 404 404 404 401',
    '404 200 200 200 200 200 404 404 200 200 404 404 404 401',
  ]),
  ...perCase('GET /api/events/:id/diagram', [
    '404 200 200 200 200 200 404 404 404 200 404 404 404 401',
    '404 200 200 200 200 200 404 404 404 200 404 404 404 401',
    '404 200 200 200 200 200 404 404 404 200 404 404 404 401',
    '404 200 200 200 200 404 200 404 404 200 404 404 404 401',
    '404 200 404 404 404 404 404 200 404 200 404 404 404 401',
    '404 200 200 200 200 200 404 404 200 200 404 404 404 401',
  ]),
  ...perCase('GET /api/events/:id/sheet.pdf', [
    '404 200 200 200 200 200 404 404 404 200 404 404 404 401',
    '404 200 200 200 200 200 404 404 404 200 404 404 404 401',
    '404 200 200 200 200 200 404 404 404 200 404 404 404 401',
    '404 200 200 200 200 404 200 404 404 200 404 404 404 401',
    '404 200 404 404 404 404 404 200 404 200 404 404 404 401',
    '404 200 200 200 200 200 404 404 200 200 404 404 404 401',
  ]),
  ...perCase('POST /api/events/:id/reopen', [
    '404 403 403 403 403 409 404 404 404 403 404 404 404 401',
    '404 403 403 403 403 409 404 404 404 403 404 404 404 401',
    '404 403 403 403 403 409 404 404 404 403 404 404 404 401',
    '404 403 403 403 403 404 409 404 404 403 404 404 404 401',
    '404 403 404 404 404 404 404 409 404 403 404 404 404 401',
    '404 403 403 403 403 409 404 404 403 403 404 404 404 401',
  ], 'not archived'),

  row('POST /api/attachments', undefined, '403 415 415 415 415 415 415 415 415 415 403 403 403 401', 'no file type'),
  row('GET /api/attachments/:id', 'file@G01', '404 200 200 200 200 200 404 404 404 200 404 404 404 401'),

  row('GET /api/exports/cases.xlsx', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('GET /api/exports/overdue.xlsx', 'unit:own', '403 200 200 403 403 403 403 403 403 403 403 403 403 401'),
  row('GET /api/exports/overdue.xlsx', 'unit:XX', '403 200 404 403 403 403 403 403 403 403 403 403 403 401'),
  row('GET /api/exports/rankings.xlsx', undefined, '403 200 200 403 403 403 403 403 403 200 403 403 403 401'),

  row('GET /api/calendar-overrides', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('PUT /api/calendar-overrides/:date', undefined, '200 403 403 403 403 403 403 403 403 403 403 403 403 401'),
  row('DELETE /api/calendar-overrides/:date', undefined, '204 403 403 403 403 403 403 403 403 403 403 403 403 401'),

  row('GET /api/calendar-years/:year', 'year', '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('PUT /api/calendar-years/:year', 'year', '200 403 403 403 403 403 403 403 403 403 403 403 403 401'),

  row('POST /api/petitions/duplicate-check', undefined, '403 403 403 403 403 403 403 403 403 403 403 403 403 401'),
  row('POST /api/petitions', undefined, '403 403 403 403 403 403 403 403 403 403 403 403 403 401', 'empty body'),
  row('GET /api/petitions', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('GET /api/petitions/:id', 'petition', '404 200 200 200 200 404 404 404 404 200 404 404 404 401'),
  ...['decision', 'extension-request', 'extension-approval', 'reply', 'satisfaction', 'review'].map((step) =>
    row(`POST /api/petitions/:id/${step}`, 'petition', '404 400 400 400 400 404 404 404 404 400 404 404 404 401', 'empty body'),
  ),
  row('POST /api/petitions/:id/review-requests', 'petition', '404 403 403 403 403 404 404 404 404 403 404 404 404 401'),
  row('GET /api/petitions/:id/notices/:noticeId', 'petition', '404 200 200 200 200 404 404 404 404 200 404 404 404 401'),

  row('GET /api/orgs', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),

  row('GET /api/colleagues', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),

  row('GET /api/processes', undefined, '403 403 403 403 403 403 403 403 403 200 403 403 403 401'),
  row('GET /api/processes/worker-templates', undefined, '403 403 403 403 403 403 403 403 403 200 403 403 403 401'),
  row('GET /api/processes/versions/:key', 'def', '403 403 403 403 403 403 403 403 403 200 403 403 403 401'),
  row('GET /api/processes/versions/:key/bpmn', 'def', '403 403 403 403 403 403 403 403 403 200 403 403 403 401'),
  row('GET /api/processes/versions/:key/forms', 'def', '403 403 403 403 403 403 403 403 403 200 403 403 403 401'),
  row('POST /api/processes/deployments', undefined, '403 403 403 403 403 403 403 403 403 400 403 403 403 401', 'bad xml'),
  row('GET /api/processes/decisions', undefined, '403 403 403 403 403 403 403 403 403 200 403 403 403 401'),
  row('GET /api/processes/decisions/:key', 'def', '403 403 403 403 403 403 403 403 403 200 403 403 403 401'),
  row('GET /api/processes/decisions/:key/dmn', 'def', '403 403 403 403 403 403 403 403 403 200 403 403 403 401'),
  row('POST /api/processes/decisions', undefined, '403 403 403 403 403 403 403 403 403 400 403 403 403 401', 'bad xml'),
  row('POST /api/processes/decisions/trials', undefined, '403 403 403 403 403 403 403 403 403 400 403 403 403 401', 'bad xml'),
  row('GET /api/processes/decisions/trials/:decisionId', undefined, '403 403 403 403 403 403 403 403 403 200 403 403 403 401'),
  row('GET /api/progress/:id', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('GET /api/processes/group-mappings', undefined, '403 403 403 403 403 403 403 403 403 200 403 403 403 401'),
  row('PUT /api/processes/group-mappings/:group', undefined, '403 403 403 403 403 403 403 403 403 400 403 403 403 401', 'unknown unit'),
  row('DELETE /api/processes/group-mappings/:group', undefined, '403 403 403 403 403 403 403 403 403 404 403 403 403 401', 'no such group'),
  row('GET /api/processes/startable', undefined, '403 200 200 200 200 200 200 200 200 200 403 403 403 401'),
  row('GET /api/processes/:key/start-form', undefined, '403 409 409 409 409 409 409 409 409 409 403 403 403 401', 'built-in loop'),
  row('POST /api/processes/:key/start', undefined, '403 409 409 409 409 409 409 409 409 409 403 403 403 401', 'built-in loop'),
  row('GET /api/process-instances/:id', undefined, '404 404 404 404 404 404 404 404 404 404 404 404 404 401', 'no such record'),

  row('GET /api/supervision/overdue', 'unit:own', '403 200 200 403 403 403 403 403 403 403 403 403 403 401'),
  row('GET /api/supervision/overdue', 'unit:C01', '403 200 200 403 403 403 403 403 403 403 403 403 403 401'),
  row('GET /api/supervision/overdue', 'unit:XX', '403 200 404 403 403 403 403 403 403 403 403 403 403 401'),
  row('GET /api/supervision/overdue', 'unit:JUSTICE', '403 200 404 403 403 403 403 403 403 403 403 403 403 401'),
  row('GET /api/supervision/overdue', 'unit:none', '403 404 404 403 403 403 403 403 403 403 403 403 403 401'),
  row('GET /api/supervision/overdue/tasks', 'unit:own', '403 200 200 403 403 403 403 403 403 403 403 403 403 401'),
  row('GET /api/supervision/overdue/tasks', 'unit:XX', '403 200 404 403 403 403 403 403 403 403 403 403 403 401'),
  row('GET /api/supervision/cards', 'unit:own', '403 200 200 403 403 403 403 403 403 403 403 403 403 401'),
  row('GET /api/supervision/cards', 'unit:XX', '403 200 404 403 403 403 403 403 403 403 403 403 403 401'),
  ...perCase('POST /api/supervision/cards', [
    '404 201 201 403 403 403 404 404 404 403 404 404 404 401',
    '404 201 201 403 403 403 404 404 404 403 404 404 404 401',
    '404 201 201 403 403 403 404 404 404 403 404 404 404 401',
    '404 201 201 403 403 404 403 404 404 403 404 404 404 401',
    '404 201 404 404 404 404 404 403 404 403 404 404 404 401',
    '404 201 403 403 403 403 404 404 403 403 404 404 404 401',
  ]),
  row('POST /api/supervision/cards/batch', 'G01', '403 200 200 403 403 403 403 403 403 403 403 403 403 401'),

  // 民调: the district centre (district.lead) draws; every business role reads the results within its scope.
  row('POST /api/sampling/preview', undefined, '403 400 403 403 403 403 403 403 403 403 403 403 403 401', 'empty body'),
  row('POST /api/sampling/draws', undefined, '403 400 403 403 403 403 403 403 403 403 403 403 403 401', 'empty body'),
  row('GET /api/sampling/draws', undefined, '403 200 200 200 200 200 200 200 200 200 403 403 403 401'),
  row('GET /api/sampling/draws/:id', undefined, '403 404 404 404 404 404 404 404 404 404 403 403 403 401', 'no such record'),
  row('POST /api/sampling/draws/:id/replay', undefined, '403 404 403 403 403 403 403 403 403 403 403 403 403 401', 'no such record'),
  row('GET /api/sampling/satisfaction', undefined, '403 200 200 200 200 200 200 200 200 200 403 403 403 401'),
  // 预警: read within the area (scope inside); the district evaluates on demand.
  row('GET /api/warnings', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('GET /api/warnings/map', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('GET /api/warnings/:id', undefined, '404 404 404 404 404 404 404 404 404 404 404 404 404 401', 'no such record'),
  row('POST /api/warnings/evaluate', undefined, '403 200 403 403 403 403 403 403 403 403 403 403 403 401'),
  // 巡查: grid members patrol; whoever works cases reads the patrols of their area (their own at the grid).
  row('POST /api/patrols', undefined, '403 403 403 403 403 201 201 201 403 403 403 403 403 401'),
  row('GET /api/patrols', undefined, '403 200 200 200 200 200 200 200 200 200 403 403 403 401'),
  row('GET /api/patrols/figures', undefined, '403 200 200 200 200 403 403 403 200 403 403 403 403 401'),
  row('PUT /api/patrols/quotas/:gridId', undefined, '403 403 400 400 400 403 403 403 403 403 403 403 403 401', 'empty body'),
  row('GET /api/patrols/:id', undefined, '403 404 404 404 404 404 404 404 404 404 403 403 403 401', 'no such record'),
  ...['points', 'check-ins', 'notes', 'end'].map((step) =>
    row(`POST /api/patrols/:id/${step}`, undefined, '403 403 403 403 403 404 404 404 403 403 403 403 403 401', 'no such record'),
  ),

  row('GET /api/notifications', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('POST /api/notifications/:id/read', 'note@hw01', '404 404 404 404 404 200 404 404 404 404 404 404 404 401'),
  row('POST /api/notifications/read-all', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),

  row('POST /api/assessment/runs', undefined, '403 409 403 403 403 403 403 403 403 409 403 403 403 401', 'past month'),
  row('POST /api/assessment/trials', undefined, '403 200 403 403 403 403 403 403 403 200 403 403 403 401'),
  row('GET /api/assessment/runs', undefined, '403 200 200 403 403 403 403 403 403 200 403 403 403 401'),
  row('GET /api/assessment/rankings', undefined, '403 200 200 403 403 403 403 403 403 200 403 403 403 401'),
  row('GET /api/assessment/trend', undefined, '403 200 200 403 403 403 403 403 403 200 403 403 403 401'),
  row('GET /api/assessment/scores/:id/items', 'score@C01', '404 200 200 404 404 404 404 404 404 200 404 404 404 401'),
  row('GET /api/assessment/scores/:id/items', 'score@XX', '404 200 404 404 404 404 404 404 404 200 404 404 404 401'),

  row('GET /api/map/config', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('GET /api/map/grids', 'unit:own', '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('GET /api/map/grids', 'unit:C01', '200 200 200 200 200 404 404 404 404 200 200 200 200 401'),
  row('GET /api/map/grids', 'unit:XX', '200 200 404 404 404 404 404 404 404 200 404 200 200 401'),
  row('GET /api/map/grids', 'unit:JUSTICE', '200 200 404 404 404 404 404 404 200 200 404 200 200 401'),
  row('GET /api/map/grids', 'unit:none', '404 404 404 404 404 404 404 404 404 404 404 404 404 401'),
  row('GET /api/map/grid-stats', 'unit:own', '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('GET /api/map/grid-stats', 'unit:XX', '200 200 404 404 404 404 404 404 404 200 404 200 200 401'),
  row('GET /api/map/cases', 'unit:own', '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('GET /api/map/cases', 'unit:C01', '200 200 200 200 200 404 404 404 404 200 200 200 200 401'),
  row('GET /api/map/cases', 'unit:XX', '200 200 404 404 404 404 404 404 404 200 404 200 200 401'),
  row('GET /api/map/grids/:id/cases', 'grid:G01', '200 200 200 200 200 200 404 404 404 200 200 200 200 401'),
  row('GET /api/map/grids/:id/cases', 'grid:XX', '200 200 404 404 404 404 404 200 404 200 404 200 200 401'),
  row('GET /api/map/grid-at', 'grid:G01', '200 200 200 200 200 200 404 404 404 200 200 200 200 401'),
  row('GET /api/map/grid-at', 'grid:XX', '200 200 404 404 404 404 404 200 404 200 404 200 200 401'),

  row('GET /api/screen/summary', 'unit:own', '200 200 200 403 403 403 403 403 403 403 200 403 403 401'),
  row('GET /api/screen/summary', 'unit:C01', '200 200 200 403 403 403 403 403 403 403 200 403 403 401'),
  row('GET /api/screen/summary', 'unit:XX', '200 200 404 403 403 403 403 403 403 403 404 403 403 401'),
  row('GET /api/screen/summary', 'unit:none', '404 404 404 403 403 403 403 403 403 403 404 403 403 401'),
  row('GET /api/admin/orgs', undefined, '200 403 403 403 403 403 403 403 403 403 200 403 403 401'),
  row('POST /api/admin/orgs', undefined, '400 403 403 403 403 403 403 403 403 403 400 403 403 401', 'empty form'),
  row('PUT /api/admin/orgs/:id', undefined, '404 403 403 403 403 403 403 403 403 403 404 403 403 401', 'no such record'),
  row('POST /api/admin/orgs/:id/move', undefined, '404 403 403 403 403 403 403 403 403 403 404 403 403 401', 'no such record'),
  row('POST /api/admin/orgs/:id/retire', undefined, '404 403 403 403 403 403 403 403 403 403 404 403 403 401', 'no such record'),
  row('POST /api/admin/orgs/:id/restore', undefined, '404 403 403 403 403 403 403 403 403 403 404 403 403 401', 'no such record'),
  row('GET /api/admin/users', undefined, '200 403 403 403 403 403 403 403 403 403 200 200 403 401'),
  row('POST /api/admin/users', undefined, '400 403 403 403 403 403 403 403 403 403 400 403 403 401', 'empty form'),
  row('PUT /api/admin/users/:id', undefined, '404 403 403 403 403 403 403 403 403 403 404 404 403 401', 'no such record'),
  row('POST /api/admin/users/:id/password', undefined, '404 403 403 403 403 403 403 403 403 403 404 403 403 401', 'no such record'),
  row('GET /api/admin/sla-rules', undefined, '200 403 403 403 403 403 403 403 403 403 403 403 403 401'),
  row('POST /api/admin/sla-rules', undefined, '400 403 403 403 403 403 403 403 403 403 403 403 403 401', 'empty form'),
  row('POST /api/admin/sla-rules/trials', undefined, '400 403 403 403 403 403 403 403 403 403 403 403 403 401', 'empty form'),
  row('PUT /api/admin/sla-rules/:id', undefined, '404 403 403 403 403 403 403 403 403 403 403 403 403 401', 'no such record'),
  row('DELETE /api/admin/sla-rules/:id', undefined, '404 403 403 403 403 403 403 403 403 403 403 403 403 401', 'no such record'),
  row('GET /api/admin/categories', undefined, '200 403 403 403 403 403 403 403 403 403 403 403 403 401'),
  row('POST /api/admin/categories', undefined, '400 403 403 403 403 403 403 403 403 403 403 403 403 401', 'empty form'),
  row('PUT /api/admin/categories/:code', undefined, '404 403 403 403 403 403 403 403 403 403 403 403 403 401', 'no such record'),
  row('GET /api/admin/channels', undefined, '200 403 403 403 403 403 403 403 403 403 403 403 403 401'),
  row('POST /api/admin/channels', undefined, '400 403 403 403 403 403 403 403 403 403 403 403 403 401', 'empty form'),
  row('POST /api/admin/channels/:id/key', undefined, '404 403 403 403 403 403 403 403 403 403 403 403 403 401', 'no such record'),
  row('POST /api/admin/channels/:id/revoke', undefined, '404 403 403 403 403 403 403 403 403 403 403 403 403 401', 'no such record'),
  row('GET /api/admin/robots', undefined, '200 403 403 403 403 403 403 403 403 403 200 403 403 401'),
  row('POST /api/admin/robots', undefined, '400 403 403 403 403 403 403 403 403 403 400 403 403 401', 'empty form'),
  row('PUT /api/admin/robots/:id', undefined, '404 403 403 403 403 403 403 403 403 403 404 403 403 401', 'no such record'),
  row('DELETE /api/admin/robots/:id', undefined, '404 403 403 403 403 403 403 403 403 403 404 403 403 401', 'no such record'),
  row('POST /api/admin/robots/:id/test', undefined, '404 403 403 403 403 403 403 403 403 403 404 403 403 401', 'no such record'),
  row('POST /api/admin/imports/dry-run', undefined, '400 403 403 403 403 403 403 403 403 403 400 403 403 401', 'empty form'),
  row('POST /api/admin/imports', undefined, '400 403 403 403 403 403 403 403 403 403 400 403 403 401', 'empty form'),
  row('GET /api/admin/imports', undefined, '200 403 403 403 403 403 403 403 403 403 200 403 403 401'),
  row('GET /api/admin/imports/:id', undefined, '404 403 403 403 403 403 403 403 403 403 404 403 403 401', 'no such record'),
  row('GET /api/admin/imports/templates/:kind', undefined, '200 403 403 403 403 403 403 403 403 403 200 403 403 401'),
  row('GET /api/admin/lockouts', undefined, '200 403 403 403 403 403 403 403 403 403 403 200 403 401'),
  row('DELETE /api/admin/lockouts/:username', undefined, '404 403 403 403 403 403 403 403 403 403 403 404 403 401', 'no such user'),
  row('GET /api/dispute-types', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('GET /api/dispute-communities', undefined, '403 403 200 200 200 403 403 403 200 403 403 403 403 401'),
  row('POST /api/disputes', undefined, '403 403 400 400 400 403 403 403 400 403 403 403 403 401', 'empty body'),
  row('GET /api/disputes', 'unit:own', '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('GET /api/disputes', 'unit:XX', '200 200 404 404 404 404 404 404 404 200 404 200 200 401'),
  row('GET /api/disputes/:id', 'dispute@C01', '404 200 200 200 200 404 404 404 404 200 404 404 404 401'),
  row('GET /api/disputes/:id', 'dispute@XX', '404 200 404 404 404 404 404 404 404 200 404 404 404 401'),
  row('GET /api/disputes/:id/agreement.pdf', 'dispute@C01', '404 403 403 403 409 404 404 404 404 403 404 404 404 401'),
  row('GET /api/disputes/:id/agreement.pdf', 'dispute@XX', '404 403 404 404 404 404 404 404 404 403 404 404 404 401'),
  row('PUT /api/disputes/:id', 'dispute@C01', '404 403 403 403 400 404 404 404 404 403 404 404 404 401', 'empty body'),
  row('PUT /api/disputes/:id', 'dispute@XX', '404 403 404 404 404 404 404 404 404 403 404 404 404 401', 'empty body'),
  ...(['sessions', 'consents', 'agreement', 'risk', 'confirmation', 'confirmation/ruling'] as const).flatMap((what) => [
    row(`POST /api/disputes/:id/${what}`, 'dispute@C01', '404 403 403 403 400 404 404 404 404 403 404 404 404 401', 'empty body'),
    row(`POST /api/disputes/:id/${what}`, 'dispute@XX', '404 403 404 404 404 404 404 404 404 403 404 404 404 401', 'empty body'),
  ]),
  row('GET /api/audit', undefined, '200 403 403 403 403 403 403 403 403 403 403 403 200 401'),
  row('GET /api/audit/export.xlsx', undefined, '200 403 403 403 403 403 403 403 403 403 403 403 200 401'),
  row('GET /api/patients', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('POST /api/patients', 'grid:G01', '403 403 400 400 400 403 403 403 400 403 403 403 403 401', 'bad file'),
  row('GET /api/patient-grids', undefined, '403 403 200 200 200 403 403 403 200 403 403 403 403 401'),
  row('GET /api/patient-grids/:gridId/team-candidates', 'grid:G01', '403 403 200 200 200 403 403 403 404 403 403 403 403 401'),
  row('GET /api/patient-grids/:gridId/team-candidates', 'grid:XX', '403 403 404 404 404 403 403 403 404 403 403 403 403 401'),
  row('GET /api/patients/:id', 'patient@G01', '404 200 200 200 200 200 404 404 404 200 404 404 404 401'),
  row('PUT /api/patients/:id/team', 'patient@G01', '404 403 400 400 400 403 404 404 404 403 404 404 404 401', 'empty team'),
  row('GET /api/patients/:id/team-candidates', 'patient@G01', '404 403 200 200 200 403 404 404 404 403 404 404 404 401'),
  row('PUT /api/patients/:id/designated', 'patient@G01', '404 403 400 400 400 403 404 404 404 403 404 404 404 401', 'not a member'),
  row('POST /api/patients/:id/move', 'patient@G01', '404 403 400 400 400 403 404 404 404 403 404 404 404 401', 'empty team'),
  row('POST /api/patients/:id/follow-ups', 'patient@G01', '404 403 403 403 403 400 404 404 404 403 404 404 404 401', 'empty follow-up'),
  row('POST /api/patients/:id/risk-reports', 'patient@G01', '404 400 400 400 400 400 404 404 404 400 404 404 404 401', 'low risk'),
  row('POST /api/patients/:id/close', 'patient@G01', '404 403 400 400 400 403 404 404 404 403 404 404 404 401', 'bad reason'),

  row('GET /api/base/search', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('GET /api/base/codes/:code', 'building@G01', '404 200 200 200 200 200 404 404 200 200 404 404 404 401'),
  row('POST /api/base/buildings', undefined, '400 400 400 400 400 400 400 400 400 400 400 400 400 401', 'empty body'),
  row('GET /api/base/buildings/:id', 'building@G01', '404 200 200 200 200 200 404 404 200 200 404 404 404 401'),
  row('PUT /api/base/buildings/:id', 'building@G01', '404 400 400 400 400 400 404 404 400 400 404 404 404 401', 'unknown field'),
  row('POST /api/base/buildings/:id/rooms', 'building@G01', '404 400 400 400 400 400 404 404 400 400 404 404 404 401', 'empty body'),
  row('PUT /api/base/rooms/:id', 'building@G01', '404 400 400 400 400 400 404 404 400 400 404 404 404 401', 'unknown field'),
  row('GET /api/base/residents', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('POST /api/base/residents', undefined, '400 400 400 400 400 400 400 400 400 400 400 400 400 401', 'empty body'),
  row('GET /api/base/residents/:id', 'building@G01', '404 200 200 200 200 200 404 404 404 200 404 404 404 401'),
  row('PUT /api/base/residents/:id', 'building@G01', '404 400 400 400 400 400 404 404 404 400 404 404 404 401', 'unknown field'),
  row('POST /api/base/residents/:id/move-out', 'building@G01', '404 400 400 400 400 400 404 404 404 400 404 404 404 401', 'empty body'),
  row('GET /api/base/businesses', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('POST /api/base/businesses', undefined, '400 400 400 400 400 400 400 400 400 400 400 400 400 401', 'empty body'),
  row('PUT /api/base/businesses/:id', 'building@G01', '404 400 400 400 400 400 404 404 404 400 404 404 404 401', 'unknown field'),
  row('GET /api/base/changes', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('POST /api/base/import', undefined, '403 403 400 400 400 403 403 403 400 403 403 403 403 401', 'empty body'),
  row('GET /api/base/map', undefined, '403 200 200 200 200 200 200 200 200 200 403 403 403 401'),
  row('POST /api/base/import/file', undefined, '403 403 400 400 400 403 403 403 400 403 403 403 403 401', 'empty body'),
  row('GET /api/base/import/template', undefined, '403 403 200 200 200 403 403 403 200 403 403 403 403 401'),
  row('GET /api/base/export/residents', undefined, '403 403 200 200 200 403 403 403 403 403 403 403 403 401'),
  row('GET /api/public/buildings/:code', 'building@G01', '200 200 200 200 200 200 200 200 200 200 200 200 200 200'),
  row('POST /api/public/buildings/:code/declarations', 'building@G01', '400 400 400 400 400 400 400 400 400 400 400 400 400 400', 'empty body'),
  row('GET /api/patient-targets', undefined, '200 200 200 200 200 200 200 200 200 200 200 200 200 401'),
  row('PUT /api/patient-targets/:streetId', 'street:XA', '403 400 403 403 403 403 403 403 403 403 403 403 403 401', 'bad rate'),
  row('POST /api/patient-targets/reminders', undefined, '403 200 403 403 403 403 403 403 403 403 403 403 403 401', 'past period'),
  // 舆情: sources are the district administrator's; rules and the list the district's staff and leaders'.
  row('GET /api/opinion/sources', undefined, '200 403 403 403 403 403 403 403 403 403 403 403 403 401'),
  row('POST /api/opinion/sources', undefined, '400 403 403 403 403 403 403 403 403 403 403 403 403 401', 'empty body'),
  row('PUT /api/opinion/sources/:id', undefined, '404 403 403 403 403 403 403 403 403 403 403 403 403 401', 'no such record'),
  row('POST /api/opinion/sources/:id/poll', undefined, '404 403 403 403 403 403 403 403 403 403 403 403 403 401', 'no such record'),
  row('POST /api/opinion/webhook', undefined, '401 401 401 401 401 401 401 401 401 401 401 401 401 401', 'no key'),
  row('GET /api/opinion/rules', undefined, '403 200 403 403 403 403 403 403 403 403 403 403 403 401'),
  row('POST /api/opinion/rules', undefined, '403 400 403 403 403 403 403 403 403 403 403 403 403 401', 'empty body'),
  row('PUT /api/opinion/rules/:id', undefined, '403 404 403 403 403 403 403 403 403 403 403 403 403 401', 'no such record'),
  row('GET /api/opinion/items', undefined, '403 200 403 403 403 403 403 403 403 403 403 403 403 401'),
  row('POST /api/opinion/items/:id/dismiss', undefined, '403 400 403 403 403 403 403 403 403 403 403 403 403 401', 'empty body'),
  row('POST /api/opinion/items/:id/event', undefined, '403 400 403 403 403 403 403 403 403 403 403 403 403 401', 'empty body'),
  row('POST /api/opinion/items/:id/attach', undefined, '403 400 403 403 403 403 403 403 403 403 403 403 403 401', 'empty body'),
  row('GET /api/opinion/stats', undefined, '403 200 403 403 403 403 403 403 403 403 403 403 403 401'),

  // 信用+联合检查: departments file plans and read theirs; the district merges and reads all.
  row('GET /api/enterprises', undefined, '403 200 403 403 403 403 403 403 200 403 403 403 403 401'),
  row('GET /api/credit-grades', undefined, '403 200 403 403 403 403 403 403 200 403 403 403 403 401'),
  row('POST /api/credit-grades', undefined, '403 400 403 403 403 403 403 403 403 403 403 403 403 401', 'empty body'),
  row('POST /api/credit-grades/import', undefined, '403 400 403 403 403 403 403 403 403 403 403 403 403 401', 'empty body'),
  row('POST /api/inspection-plans', undefined, '403 403 403 403 403 403 403 403 400 403 403 403 403 401', 'empty body'),
  row('POST /api/inspection-plans/:id/self-check', undefined, '403 403 403 403 403 403 403 403 404 403 403 403 403 401', 'no such record'),
  row('GET /api/self-checks/:token', undefined, '404 404 404 404 404 404 404 404 404 404 404 404 404 404', 'unknown link'),
  row('POST /api/self-checks/:token', undefined, '404 404 404 404 404 404 404 404 404 404 404 404 404 404', 'unknown link'),
  row('GET /api/inspection-plans', undefined, '403 200 403 403 403 403 403 403 200 403 403 403 403 401'),
  row('POST /api/joint-inspections/merge', undefined, '403 200 403 403 403 403 403 403 403 403 403 403 403 401', 'nothing filed'),
  row('GET /api/joint-inspections', undefined, '403 200 403 403 403 403 403 403 200 403 403 403 403 401'),
  row('GET /api/joint-inspections/stats', undefined, '403 200 403 403 403 403 403 403 200 403 403 403 403 401'),
  row('GET /api/joint-inspections/:id', undefined, '403 404 403 403 403 403 403 403 404 403 403 403 403 401', 'no such record'),
];

export const routeKey = (spec: { method: string; path: string }) =>
  `${spec.method.toUpperCase()} ${spec.path}`;

/** docs/authz-matrix.md: one table per resource (the tag of the route's RouteSpec). */
export function renderMatrix(
  specs: { method: string; path: string; tag: string; access: Access }[],
  rows: Row[] = MATRIX,
): string {
  const tagOf = new Map(specs.map((spec) => [routeKey(spec), spec.tag]));
  const accessOf = new Map(specs.map((spec) => [routeKey(spec), accessText(spec.access)]));
  const out: string[] = [
    '# Authorisation matrix',
    '',
    'Generated by `npm run authz:matrix` from `test/authz/matrix.ts`; do not edit by hand.',
    'Every row is sent by `test/__tests__/authz-matrix.e2e.test.ts` as every role against a real',
    'engine; `test/__tests__/authz-matrix.unit.test.ts` fails when a route of the API has no row or',
    'this file differs from the table.',
    '',
    'Statuses: 2xx done; 401 no session; 403 in scope but not allowed (or not the role);',
    '404 a record outside the caller’s scope (reported as missing, so ids of other units leak',
    'nothing); 400/409 allowed, then refused for the content or the state (the probes, so that a',
    'target stays as it was for the next role).',
    'Access is what the route declares (`api/src/http/define-route.ts`), checked before its input is',
    'read: public, signed-in (the record’s scope is checked inside), signed-in-or-channel, or a CASL',
    'action and subject the caller’s ability must allow (403 otherwise).',
    '',
    '## Roles',
    '',
    '| Column | User | Role, unit |',
    '| --- | --- | --- |',
    ...ROLES.map(([name, column, what]) => `| ${column} | ${name} | ${what} |`),
    '',
    '## Targets',
    '',
    '| Target | Record or unit named |',
    '| --- | --- |',
    ...Object.entries(TARGETS).map(([t, what]) => `| ${t} | ${what} |`),
    '',
    '## Probes',
    '',
    '| Probe | What is sent |',
    '| --- | --- |',
    ...Object.entries(PROBES).map(([p, what]) => `| ${p} | ${what} |`),
    '',
    'Units named in actions, besides the rows below (`?unit=` of the inbox and of supervision,',
    '`gridId` of a report): 转办 to a unit outside the caller’s scope, also through the form’s',
    '`handlerOverride`, is `api/src/modules/inbox/__tests__/hardening.e2e.test.ts` (finding 4);',
    '委派 to a user outside the subtree is `api/src/modules/inbox/__tests__/delegation.e2e.test.ts`;',
    '`?unit=` of another street in every supervision view is',
    '`api/src/modules/supervision/__tests__/supervision.e2e.test.ts`; `gridId` outside the',
    'reporter’s area is `loops/event-handling/api/__tests__/event-handling.e2e.test.ts`.',
  ];
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const resource = tagOf.get(r.route) ?? '(no route)';
    groups.set(resource, [...(groups.get(resource) ?? []), r]);
  }
  const head = ROLES.map(([, column]) => column);
  for (const [resource, group] of groups) {
    out.push('', `## ${resource}`, '');
    out.push(`| Route | Access | Target | Probe | ${head.join(' | ')} |`);
    out.push(`| --- | --- | --- | --- | ${head.map(() => '---').join(' | ')} |`);
    for (const r of group)
      out.push(
        `| \`${r.route}\` | ${accessOf.get(r.route) ?? ''} | ${r.target ?? ''} | ${r.probe ?? ''} | ${r.expect.join(' | ')} |`,
      );
  }
  return out.join('\n') + '\n';
}

/** Where `npm run authz:matrix` writes the table, from the repository root. */
export const MATRIX_FILE = 'docs/authz-matrix.md';
