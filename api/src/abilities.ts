import { AbilityBuilder } from '@casl/ability';
import {
  accessibleBy as caslAccessibleBy,
  createPrismaAbility,
  type PrismaAbility,
  type Subjects,
} from '@casl/prisma';
import type {
  AuditLog,
  AssessmentRun,
  BaseChange,
  Building,
  Business,
  Resident,
  AssessmentScore,
  CalendarOverride,
  Channel,
  CreditGrade,
  Dispute,
  Event,
  EventCategory,
  GroupRobot,
  ImportRun,
  InboxTask,
  InspectionPlan,
  JointInspection,
  Notification,
  OpinionItem,
  OpinionRule,
  OpinionSource,
  Org,
  Petition,
  PatientTarget,
  Person,
  ProcessDefinition,
  SlaRule,
  SupervisionCard,
  User,
  SamplingDraw,
  SampledCase,
  Warning,
  Patrol,
  PatrolQuota,
} from '@prisma/client';
import { BUSINESS_ROLES } from '../../lib/roles';

export type Action =
  | 'manage'
  | 'create'
  | 'read'
  | 'update'
  | 'delete'
  | 'complete'
  | 'claim'
  | 'reopen'
  | 'delegate'
  | 'resolve'
  | 'recall'
  | 'assign'
  /** Open diagrams in the designer: their versions, XML and running cases. */
  | 'design'
  /** 发起: start an instance of a deployed process by hand (its starters are checked inside). */
  | 'start'
  /** End every session of a user (sign them out everywhere). */
  | 'revoke'
  /** Change in the admin pages: units, users, reference data, channels, robots, imports. */
  | 'administer'
  /** Grant or withdraw roles, the administrators' included (the security administrator's). */
  | 'grant'
  /** Lift a sign-in lockout. */
  | 'unlock'
  /** Export a list (Excel, PDF) or the audit log. */
  | 'export'
  /** 司法确认: record the parties' application to the court and the court's ruling on an agreement. */
  | 'confirm'
  /** 准予例外: allow a person four eyes bar to do one task (the loop names the roles: lib/loop.ts). */
  | 'permit'
  /** 网格员采集: propose a change to the address base, made fact once the community approves it. */
  | 'propose'
  /** Export personal data with the identity in full (ID numbers and phones unmasked). */
  | 'exportFull';
export type AppSubjects =
  | 'all'
  /** The engine's Cockpit and the queues' bull-board: the whole district's machinery. */
  | 'Operations'
  | Subjects<{
      User: User;
      Org: Org;
      InboxTask: InboxTask;
      Event: Event;
      Dispute: Dispute;
      Petition: Petition;
      CalendarOverride: CalendarOverride;
      ProcessDefinition: ProcessDefinition;
      SupervisionCard: SupervisionCard;
      Notification: Notification;
      AssessmentRun: AssessmentRun;
      AssessmentScore: AssessmentScore;
      SlaRule: SlaRule;
      EventCategory: EventCategory;
      Channel: Channel;
      GroupRobot: GroupRobot;
      ImportRun: ImportRun;
      AuditLog: AuditLog;
      Person: Person;
      PatientTarget: PatientTarget;
      Building: Building;
      Resident: Resident;
      Business: Business;
      BaseChange: BaseChange;
      OpinionSource: OpinionSource;
      OpinionRule: OpinionRule;
      OpinionItem: OpinionItem;
      CreditGrade: CreditGrade;
      InspectionPlan: InspectionPlan;
      JointInspection: JointInspection;
      SamplingDraw: SamplingDraw;
      SampledCase: SampledCase;
      Warning: Warning;
      Patrol: Patrol;
      PatrolQuota: PatrolQuota;
    }>;
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
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createPrismaAbility);

  can('read', 'User', { id: user.id });
  can('assign', 'Org', { path: { startsWith: user.org.path } });
  // Every signed-in user reads which processes are deployed and what they are called (inbox filters).
  can('read', 'ProcessDefinition');
  // Units: one's own subtree (to filter one's work) and the departments (to transfer work to them).
  can('read', 'Org', { path: { startsWith: user.org.path } });
  can('read', 'Org', { type: 'DEPARTMENT' });
  // Everyone may read the working-day corrections (deadlines depend on them); only admins change them.
  can('read', 'CalendarOverride');
  // Everyone reads and marks their own notifications, nobody else's.
  can(['read', 'update'], 'Notification', { userId: user.id });
  // 三员分立: an administrator without a business role keeps the system, never the cases in it.
  if (user.roles.some((r) => BUSINESS_ROLES.includes(r))) defineCaseWork(user, can, cannot);
  const subtree = { org: { is: { path: { startsWith: user.org.path } } } };
  // 分级分权 in administration too: a street's administrators keep their own subtree; another
  // street's units, users and entries are answered as missing.
  if (user.roles.includes('ADMIN')) {
    can('administer', 'Org', { path: { startsWith: user.org.path } });
    can('administer', 'User', subtree);
    can('administer', 'ImportRun', { scopePath: { startsWith: user.org.path } });
    can('administer', 'GroupRobot');
    // The system administrator signs out the users it keeps (a disabled account at once).
    can('revoke', 'User', subtree);
    // Deadlines, the working calendar every statutory clock counts on, categories, intake
    // channels and the engine's machinery are the district's.
    if (user.org.type === 'DISTRICT') {
      can(['create', 'update', 'delete'], 'CalendarOverride');
      can('administer', ['SlaRule', 'EventCategory', 'Channel', 'OpinionSource']);
      can('read', 'Operations');
    }
  }
  if (user.roles.includes('SECURITY_ADMIN')) {
    can(['grant', 'revoke', 'unlock'], 'User', subtree);
    // Nobody raises their own rights.
    cannot('grant', 'User', { id: user.id });
  }
  // The audit administrator reads (and exports) the trail of its subtree, the other admins' too;
  // the entries are filtered by the actor's unit in the audit service.
  if (user.roles.includes('AUDIT_ADMIN')) can(['read', 'export'], 'AuditLog');
  return build();
}

type Builder = AbilityBuilder<AppAbility>;

/** Cases, disputes, petitions, key persons' files and the tasks of them: the business roles' work. */
function defineCaseWork(user: SessionUser, can: Builder['can'], cannot: Builder['cannot']) {
  const groups = candidateGroupsOf(user);
  // A task is worked by whoever it is offered to or assigned to.
  can(['read', 'claim'], 'InboxTask', { candidateGroups: { hasSome: groups } });
  can(['read', 'update', 'complete'], 'InboxTask', { assignee: user.id });
  can('complete', 'InboxTask', { candidateGroups: { hasSome: groups }, assignee: null });
  can('read', 'InboxTask', { completedById: user.id });
  // 委派: the assignee hands the task to a colleague of their subtree, who works it and gives it
  // back (resolve); the delegator alone completes it. A delegated task is not delegated again.
  can('delegate', 'InboxTask', { assignee: user.id, delegatedById: null });
  can('resolve', 'InboxTask', { assignee: user.id, delegatedById: { not: null } });
  cannot(['complete', 'update'], 'InboxTask', { delegatedById: { not: null } });
  can(['read', 'recall'], 'InboxTask', { delegatedById: user.id });

  // Events are reported within one's own subtree (checked against the grid in the service),
  // and read by every unit above the grid and by the unit handling them.
  can('create', 'Event');
  // 发起: any process whose starters name the caller (or name nobody); checked in the service.
  can('start', 'ProcessDefinition');
  can('read', 'Event', { gridPath: { startsWith: user.org.path } });
  can('read', 'Event', { handlerUnitId: user.orgId });
  // 我上报的: a reporter follows their own reports wherever the case has gone.
  can('read', 'Event', { reporterId: user.id });
  can('reopen', 'Event', { reporterId: user.id });
  // Disputes are read by their community and every unit above it, and by each unit that has
  // mediated them (a department, the court liaison); those units' staff record their mediation.
  can('read', 'Dispute', { communityPath: { startsWith: user.org.path } });
  can('read', 'Dispute', { handlerUnitIds: { has: user.orgId } });
  // Whoever registered it follows it (the justice bureau registers for any community).
  can('read', 'Dispute', { registeredById: user.id });
  if (user.roles.includes('STAFF')) {
    can('create', 'Dispute');
    can(['update', 'confirm'], 'Dispute', { handlerUnitIds: { has: user.orgId } });
  }
  // 司法确认 (人民调解法 art. 33) is the court's: its 诉调对接 liaison reads the settled disputes of
  // the area its court serves (the level it sits on), to record the application and the ruling.
  if (user.org.deptKind === 'court') {
    const settled = {
      communityPath: { startsWith: user.org.path.replace(/[^/]+\/$/, '') },
      stage: { in: ['AGREED' as const, 'ARCHIVED' as const] },
    };
    can('read', 'Dispute', settled);
    if (user.roles.includes('STAFF')) can('confirm', 'Dispute', settled);
  }
  // Petitions (信访) are sensitive: the registering office, the handling and reviewing units and the
  // chain above each of them read one (a path that starts with the reader's); nobody else sees it
  // exists. Registration is the 信访 office's.
  can('read', 'Petition', { officePath: { startsWith: user.org.path } });
  can('read', 'Petition', { handlerPath: { startsWith: user.org.path } });
  can('read', 'Petition', { reviewPath: { startsWith: user.org.path } });
  // The level a department sits on: the district's path for the district's departments.
  const level = user.org.path.replace(/[^/]+\/$/, '');
  if (user.org.deptKind === 'petition') {
    can('create', 'Petition');
    // The office 交办s petitions to the streets and communities of the level it sits on.
    can('read', 'Org', { path: { startsWith: level } });
  }
  // A department that registers cases for any community of its level (the 信访 office's
  // petitions, the justice bureau's disputes) names the building a case concerns among that
  // level's, not the people living there.
  if (user.org.deptKind === 'petition' || user.org.deptKind === 'justice')
    can('read', 'Building', { orgPath: { startsWith: level } });

  // Key persons' files (一人一档): the care team reads its person's file, and so does the chain of
  // units above the grid; nobody else (a sibling grid, another street, a department not on the team).
  can('read', 'Person', { gridPath: { startsWith: user.org.path } });
  can('read', 'Person', { team: { some: { userId: user.id } } });
  // Community staff and the psychiatric doctor open files and form teams within their own subtree.
  if (user.roles.some((r) => r === 'STAFF' || r === 'PSYCHIATRIC_DOCTOR'))
    can(['create', 'update'], 'Person', { gridPath: { startsWith: user.org.path } });
  // 目标值: the district sets the streets' targets.
  if (user.org.type === 'DISTRICT' && user.roles.some((r) => r === 'STAFF' || r === 'SUPERVISOR'))
    can('update', 'PatientTarget');

  // 块数据 (#27): buildings, residents and businesses are read by their community and every unit
  // above it, and by the grid they lie in (a grid member sees only their grid's people). Community
  // and street staff change them directly; a grid member's change is a proposal their community
  // reviews (base-data-review).
  const inCommunity = { orgPath: { startsWith: user.org.path } };
  const inGrid = { gridPath: { startsWith: user.org.path } };
  const staff = user.roles.includes('STAFF');
  const gridMember = user.roles.includes('GRID_MEMBER');
  can('read', 'Building', inCommunity);
  can('read', 'Building', inGrid);
  can('read', 'Resident', inCommunity);
  can('read', 'Resident', inGrid);
  can('read', 'Business', inCommunity);
  can('read', 'Business', inGrid);
  can('read', 'BaseChange', inCommunity);
  if (staff) {
    can(['create', 'update'], 'Building', inCommunity);
    can(['create', 'update'], 'Resident', inCommunity);
    can(['create', 'update'], 'Business', inCommunity);
  }
  // Exports of personal data (residents) leave the system: only the community's and the street's
  // own staff, for their area, each audited with its row count; never administrators, grid
  // members or departments. The identity in full only for a street's staff who also supervise
  // (the street signs off a data request); everyone else's export is masked.
  if (staff && (user.org.type === 'COMMUNITY' || user.org.type === 'STREET')) {
    can('export', 'Resident', inCommunity);
    if (user.org.type === 'STREET' && user.roles.includes('SUPERVISOR'))
      can('exportFull', 'Resident', inCommunity);
  }
  if (gridMember) {
    can('propose', 'Building', inGrid);
    can('propose', 'Resident', inGrid);
    can('propose', 'Business', inGrid);
  }

  // 舆情 is watched for the whole district by the district's own staff (综治中心): they keep the
  // keyword rules and triage the items; streets see the cases the items become.
  if (user.org.type === 'DISTRICT' && user.roles.some((r) => r === 'STAFF' || r === 'SUPERVISOR')) {
    can(['read', 'update'], 'OpinionItem');
    can(['read', 'create', 'update'], 'OpinionRule');
  }

  // 信用+联合检查: departments file plans and read their own plans and the inspections they are on;
  // the district (综治中心) merges plans, reads them all and keeps the credit grades with the
  // market regulator (市场监管, the credit system's keeper).
  const staffOrLead = user.roles.some((r) => r === 'STAFF' || r === 'SUPERVISOR');
  if (staffOrLead && (user.org.type === 'DEPARTMENT' || user.org.type === 'DISTRICT'))
    can('read', 'CreditGrade');
  if (user.org.type === 'DEPARTMENT' && user.roles.includes('STAFF')) {
    can('create', 'InspectionPlan');
    can('read', 'InspectionPlan', { deptId: user.orgId });
    can('read', 'JointInspection', { deptIds: { has: user.orgId } });
    if (user.org.deptKind === 'market') can('create', 'CreditGrade');
  }
  if (staffOrLead && user.org.type === 'DISTRICT') {
    can('read', ['InspectionPlan', 'JointInspection']);
    can('create', ['JointInspection', 'CreditGrade']);
  }

  if (user.roles.includes('SUPERVISOR')) {
    // Supervisors read the work of their whole subtree, never a sibling's.
    can('read', 'InboxTask', { orgPath: { startsWith: user.org.path } });
    // 准予例外 on the steps of their subtree, where the task's loop allows supervisors it.
    can('permit', 'InboxTask', { orgPath: { startsWith: user.org.path } });
    // 督办/催办 press units of their own subtree, and they read the cards there.
    can(['create', 'read'], 'SupervisionCard', { unitPath: { startsWith: user.org.path } });
  }
  // Diagrams are district-wide: designers read every version and deploy new ones.
  if (user.roles.includes('DESIGNER')) can(['design', 'create'], 'ProcessDefinition');
  if (user.roles.some((r) => r === 'SUPERVISOR' || r === 'DESIGNER')) {
    // 红黑榜 follow the data scope of the tree: the scores (and the cases behind them) of one's
    // own subtree; a street sees itself and its communities, never a sibling street's.
    can('read', 'AssessmentRun');
    can('read', 'AssessmentScore', { unitPath: { startsWith: user.org.path } });
    // Runs score the whole district, so only the district starts one (the designer to try weights).
    if (user.org.type === 'DISTRICT') can('create', 'AssessmentRun');
  }

  // 民调: the results of the units of one's own subtree; the district centre draws a month's sample.
  can('read', 'SamplingDraw');
  can('read', 'SampledCase', { unitPath: { startsWith: user.org.path } });
  // 预警: the warnings of one's area, and those whose 研判 is one's unit's.
  can('read', 'Warning', { placePath: { startsWith: user.org.path } });
  can('read', 'Warning', { unitId: user.orgId });
  if (user.org.type === 'DISTRICT' && user.roles.some((r) => r === 'STAFF' || r === 'SUPERVISOR')) {
    can('create', 'SamplingDraw');
    can('create', 'Warning');
  }
  // 巡查: a grid member patrols their own grid; the community and street above read the tracks.
  if (user.roles.includes('GRID_MEMBER')) can(['create', 'update'], 'Patrol', { userId: user.id });
  can('read', 'Patrol', { userId: user.id });
  if (user.roles.some((r) => r === 'STAFF' || r === 'SUPERVISOR')) {
    can('read', 'Patrol', { gridPath: { startsWith: user.org.path } });
    // The week's figures are read where the tracks are; the street and community set the quotas.
    can('read', 'PatrolQuota', { gridPath: { startsWith: user.org.path } });
    if (user.org.type === 'STREET' || user.org.type === 'COMMUNITY')
      can('update', 'PatrolQuota', { gridPath: { startsWith: user.org.path } });
  }
}

type Scoped = Exclude<Extract<AppSubjects, string>, 'all' | 'Operations'>;

/**
 * @casl/prisma's `accessibleBy`, except that a caller with no rule for a type matches nothing.
 * CASL answers that case with `{ OR: [] }`, which Prisma drops when it is nested in an `AND`
 * (every scoped query here), so it would match every row: an administrator without a business
 * role would read every petition.
 */
export function accessibleBy(ability: AppAbility, action: Action = 'read') {
  const scoped = caslAccessibleBy(ability, action);
  return {
    ofType<T extends Scoped>(type: T) {
      const where = scoped.ofType(type);
      const none = 'OR' in where && Array.isArray(where.OR) && where.OR.length === 0;
      return (none ? { [type === 'InboxTask' ? 'key' : 'id']: { in: [] } } : where) as typeof where;
    },
  };
}
