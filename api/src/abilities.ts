import { AbilityBuilder } from '@casl/ability';
import { createPrismaAbility, type PrismaAbility, type Subjects } from '@casl/prisma';
import type { InboxTask, Org, User } from '@prisma/client';

export type Action = 'manage' | 'read' | 'update' | 'complete' | 'claim';
export type AppSubjects = 'all' | Subjects<{ User: User; Org: Org; InboxTask: InboxTask }>;
export type AppAbility = PrismaAbility<[Action, AppSubjects]>;

export type SessionUser = User & { org: Org };

/** The groups a user answers for in candidate groups: their unit and their roles. */
export function candidateGroupsOf(user: SessionUser): string[] {
  const groups = [`unit:${user.orgId}`, ...user.roles.map((r) => `role:${r.toLowerCase()}`)];
  if (user.org.deptKind) groups.push(`dept:${user.org.deptKind}`);
  return groups;
}

/** What a user may do, from their roles and their place in the org tree (分级分权). */
export function defineAbilityFor(user: SessionUser): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createPrismaAbility);
  const groups = candidateGroupsOf(user);

  can('read', 'User', { id: user.id });
  // A task is worked by whoever it is offered to or assigned to.
  can(['read', 'claim'], 'InboxTask', { candidateGroups: { hasSome: groups } });
  can(['read', 'update', 'complete'], 'InboxTask', { assignee: user.id });
  can('complete', 'InboxTask', { candidateGroups: { hasSome: groups }, assignee: null });
  can('read', 'InboxTask', { completedById: user.id });

  if (user.roles.includes('SUPERVISOR')) {
    // Supervisors read the work of their whole subtree, never a sibling's.
    can('read', 'InboxTask', { orgPath: { startsWith: user.org.path } });
    can('read', 'Org', { path: { startsWith: user.org.path } });
  }
  if (user.roles.includes('ADMIN')) can('manage', 'all');
  return build();
}
