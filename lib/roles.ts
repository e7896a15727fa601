/**
 * The roles by what they may touch (三员分立): the API's abilities, the administration routes and
 * four eyes (lib/separation.ts, who in a unit can take a step) read them here.
 */
import type { Role } from '@prisma/client';

/** The roles that work cases; the three administrators (三员) read no case content without one. */
export const BUSINESS_ROLES: readonly Role[] = [
  'STAFF',
  'GRID_MEMBER',
  'SUPERVISOR',
  'DESIGNER',
  'PSYCHIATRIC_DOCTOR',
];
/** The roles that take a unit's general steps (核查, 回访…); specialists (精防医生, designers) do not. */
export const CASE_WORKER_ROLES: readonly Role[] = ['STAFF', 'GRID_MEMBER', 'SUPERVISOR'];

/** The roles that read a case's content when it is shared with them (抄送, 加签): not designers, not administrators. */
export const CASE_READER_ROLES: readonly Role[] = [...CASE_WORKER_ROLES, 'PSYCHIATRIC_DOCTOR'];

/** The three administrators of 三员分立 (等保 2.0 level 3). */
export const ADMIN_ROLES = ['ADMIN', 'SECURITY_ADMIN', 'AUDIT_ADMIN'] as const satisfies readonly Role[];

export const isAdminRole = (role: Role) => (ADMIN_ROLES as readonly Role[]).includes(role);
