import { localizedOf, objectOf } from '../../../lib/json';
import { linkedBuilding } from '../../base-data/api/building-link';
import { openSteps, stepsAndSupervision } from '../../../api/src/modules/supervision/may-supervise';
import { subject } from '@casl/ability';
import type { Org, Person, Prisma, TeamMember } from '@prisma/client';
import type { Db } from '../../../lib/db';
import { EngineError, type ProcessEngine, type Variables } from '../../../lib/engine/process-engine';
import { commandAfterCommit, queueCommand } from '../../../lib/engine-commands';
import { queueStart, startAfterCommit } from '../../../lib/engine-starts';
import { maskIdNumber, maskPhone, type FieldCrypto } from '../../../lib/field-crypto';
import { t } from '../../../lib/i18n';
import { accessibleBy, type AppAbility, type SessionUser } from '../../../api/src/abilities';
import { fieldError, HttpError } from '../../../api/src/http/errors';
import type { AuditLog } from '../../../api/src/modules/audit/audit.service';
import type { InboxService } from '../../../api/src/modules/inbox/inbox.service';

type Caller = { user: SessionUser; ability: AppAbility };

export interface MemberInput {
  roleCode: string;
  userId?: string;
  name?: string;
  designated?: boolean;
}

export interface PersonInput {
  typeCode: string;
  name: string;
  gender?: 'M' | 'F';
  idNumber: string;
  phone?: string;
  address: string;
  gridId: string;
  buildingId?: string;
  diagnosis?: string;
  guardianName?: string;
  guardianPhone?: string;
  guardianAgreement: boolean;
  riskLevel: number;
  attachments: string[];
  team: MemberInput[];
}

export interface ListQuery {
  page: number;
  pageSize: number;
  type?: string;
  risk?: number;
  overdue?: boolean;
  street?: string;
  closed: boolean;
}

export interface RiskReport {
  riskLevel: number;
  description: string;
}

/** Why a file is closed (结案): death, moved out of the district, recovered. */
export const CLOSE_REASONS = ['death', 'movedAway', 'recovered'] as const;

export interface CloseInput {
  reason: (typeof CLOSE_REASONS)[number];
  note?: string;
}

export interface FollowUpInput {
  riskLevel: number;
  followUpMethod: string;
  condition?: string;
  notes?: string;
}

/**
 * Which team role each user task of a care process is assigned to, through which variable: the
 * diagram assigns `${followUpUserId}` etc., and a team change sets the variables and hands open
 * tasks over. The designated member stands in for a role the team has no user for.
 */
const ASSIGNEE_VARIABLES = {
  followUpUserId: { element: 'follow-up', role: null },
  policeUserId: { element: 'emergency-record', role: 'police' },
  doctorUserId: { element: 'assessment', role: 'psychiatrist' },
} as const;

/** A unit's id at each level above a grid, from its path (/BA/BA-XA/BA-XA-C01/BA-XA-C01-G01/). */
function chainOf(grid: Org) {
  const [districtId, streetId, communityId] = grid.path.split('/').filter(Boolean);
  return { gridId: grid.id, communityId, streetId, districtId };
}

/** The paths of a unit and every unit above it: /BA/, /BA/BA-XA/, … down to the unit's own. */
const pathsDownTo = (path: string) =>
  path
    .split('/')
    .filter(Boolean)
    .map((_, i, ids) => `/${ids.slice(0, i + 1).join('/')}/`);

function assigneesOf(team: Pick<TeamMember, 'roleCode' | 'userId' | 'designated'>[]) {
  const designated = team.find((m) => m.designated)!.userId!;
  return Object.fromEntries(
    Object.entries(ASSIGNEE_VARIABLES).map(([variable, { role }]) => [
      variable,
      (role && team.find((m) => m.roleCode === role && m.userId)?.userId) || designated,
    ]),
  ) as Record<keyof typeof ASSIGNEE_VARIABLES, string>;
}

export function createPatientsService(deps: {
  db: Db;
  engine: ProcessEngine;
  crypto: FieldCrypto;
  audit: AuditLog;
  inbox: InboxService;
  emergencyRecordWindow: string;
}) {
  const { db, engine, crypto, audit, inbox } = deps;

  /** A file the caller may read, or 404 (other units' files leak nothing, not even existence). */
  async function readable(id: string, who: Caller) {
    const person = await db.person.findUnique({ where: { id }, include: { team: true } });
    if (!person || !who.ability.can('read', subject('Person', person)))
      throw new HttpError(404, 'error.notFound');
    return person;
  }

  /** A closed file is kept to be read; nothing more happens on it. */
  function open<P extends Pick<Person, 'closedAt'>>(person: P) {
    if (person.closedAt) throw new HttpError(409, 'error.fileClosed');
    return person;
  }

  /**
   * A file the caller may change: 404 when they may not even read it, 403 when they only read it,
   * 409 once it is closed.
   */
  async function changeable(id: string, who: Caller) {
    const person = await readable(id, who);
    if (!who.ability.can('update', subject('Person', person))) throw new HttpError(403, 'error.forbidden');
    return open(person);
  }

  /**
   * The file's team as it is under a lock on the file for the rest of the transaction: team
   * changes of one person (re-form, designate, move) run one after another, each on the team the
   * one before it left, so no interleaving can leave two designated members or none.
   */
  async function lockedTeam(tx: Prisma.TransactionClient, id: string) {
    await tx.$executeRaw`SELECT 1 FROM "Person" WHERE id = ${id} FOR UPDATE`;
    return tx.teamMember.findMany({ where: { personId: id } });
  }

  /** A grid the caller may put a file in (their own subtree), else a 400 naming the field. */
  async function gridFor(field: string, gridId: string, who: Caller, action: 'create' | 'update') {
    const grid = await db.org.findUnique({ where: { id: gridId } });
    if (!grid || grid.type !== 'GRID' || grid.retiredAt) throw fieldError(field, t('error.notAGrid'));
    if (!who.ability.can(action, subject('Person', { gridPath: grid.path } as Person)))
      throw fieldError(field, t('error.unitNotNameable'));
    return grid;
  }

  /**
   * Who may be on a file's team: active users of the grid or a unit above it, or of a department
   * (police, doctors, civil affairs). A member reads the file, so naming someone of another street
   * would hand them its identity.
   */
  const teamCandidate = (gridPath: string) => ({
    active: true,
    org: {
      retiredAt: null,
      OR: [{ type: 'DEPARTMENT' as const }, { path: { in: pathsDownTo(gridPath) } }],
    },
  });

  /** Roles exist, users are active team candidates for the grid, exactly one designated member who is a user. */
  async function checkTeam(team: MemberInput[], gridPath: string) {
    const roles = new Set((await db.teamRole.findMany({ select: { code: true } })).map((r) => r.code));
    const userIds = [...new Set(team.flatMap((m) => (m.userId ? [m.userId] : [])))];
    const users = new Map(
      (await db.user.findMany({ where: { id: { in: userIds }, ...teamCandidate(gridPath) } })).map((u) => [
        u.id,
        u,
      ]),
    );
    const fields = team.flatMap((m, i) => [
      ...(roles.has(m.roleCode)
        ? []
        : [{ field: `team.${i}.roleCode`, message: t('error.unknownTeamRole') }]),
      ...(m.userId && !users.has(m.userId)
        ? [{ field: `team.${i}.userId`, message: t('error.notTeamCandidate') }]
        : []),
      ...(!m.userId && !m.name ? [{ field: `team.${i}.name`, message: t('error.required') }] : []),
    ]);
    if (fields.length) throw new HttpError(400, 'error.validation', fields);
    const designated = team.filter((m) => m.designated);
    if (designated.length !== 1 || !designated[0].userId) throw fieldError('team', t('error.oneDesignated'));
    return team.map((m) => ({
      roleCode: m.roleCode,
      userId: m.userId ?? null,
      name: m.userId ? users.get(m.userId)!.displayName : m.name!,
      designated: !!m.designated,
    }));
  }

  /**
   * Hands the instance's open tasks to the team as it is now (and, on a move, to the new grid),
   * queued in the transaction of the change and delivered after its commit (lib/engine-commands.ts):
   * the variables the diagram assigns from, every open task's assignee and its unit.
   */
  function queueHandOver(
    tx: Prisma.TransactionClient,
    person: Pick<Person, 'processInstanceId'>,
    team: Pick<TeamMember, 'roleCode' | 'userId' | 'designated'>[],
    move?: { from: string; to: Org },
  ) {
    if (!person.processInstanceId) return null;
    const variables = assigneesOf(team);
    return queueCommand(tx, person.processInstanceId, {
      kind: 'reassign',
      variables: { ...variables, ...(move ? chainOf(move.to) : {}) },
      assignees: Object.fromEntries(
        Object.entries(ASSIGNEE_VARIABLES).map(([variable, { element }]) => [
          element,
          variables[variable as keyof typeof variables],
        ]),
      ),
      ...(move ? { move: { fromGroup: `unit:${move.from}`, toGroup: `unit:${move.to.id}` } } : {}),
    });
  }

  /** A hand-over delivered after the commit; the team is the database's, so a refusal is only recorded. */
  const handOver = async (command: string | null) => {
    if (command) await commandAfterCommit(db, engine, command);
  };

  /** The roles a team has and the users who may be named onto the team of a file in this grid. */
  async function candidatesFor(gridPath: string) {
    const [roles, users] = await Promise.all([
      db.teamRole.findMany({ orderBy: { sort: 'asc' }, select: { code: true, name: true } }),
      db.user.findMany({
        where: teamCandidate(gridPath),
        select: { id: true, displayName: true, org: { select: { name: true, path: true } } },
        orderBy: [{ org: { path: 'asc' } }, { displayName: 'asc' }],
      }),
    ]);
    return {
      roles: roles.map((r) => ({ code: r.code, name: localizedOf(r.name) })),
      users: users.map(({ org, ...u }) => ({ ...u, orgName: org.name })),
    };
  }

  /** Who sees the identifiers unmasked: team members in a role that works with them. */
  async function seesIdentity(person: { team: TeamMember[] }, who: Caller) {
    const roles = person.team.filter((m) => m.userId === who.user.id).map((m) => m.roleCode);
    if (!roles.length) return false;
    return (await db.teamRole.count({ where: { code: { in: roles }, seesIdentity: true } })) > 0;
  }

  /** The designated member, on a file they may read: others who read it get 403, the rest 404. */
  async function designatedOnly(id: string, who: Caller) {
    const person = await readable(id, who);
    if (person.team.find((m) => m.designated)?.userId !== who.user.id)
      throw new HttpError(403, 'error.notDesignated');
    return open(person);
  }

  return {
    /**
     * What a route checks before it reads a body, so a caller who may not act learns nothing
     * from validation: opening files at all, changing this file, recording on it.
     */
    guard: {
      change: (id: string, who: Caller) => changeable(id, who).then(() => undefined),
      record: (id: string, who: Caller) => designatedOnly(id, who).then(() => undefined),
      read: (id: string, who: Caller) => readable(id, who).then(() => undefined),
    },

    /**
     * 结案: the file ends (death, moved out of the district, recovered) and so does its cycle,
     * wherever it stands: the message `patient-care-close` starts the diagram's interrupting
     * event sub-process, which cancels the open tasks (the inbox feed closes their rows). The
     * message is queued with the closing and delivered after its commit; an engine that refuses it
     * leaves the file open again. Recovery is recorded only from a stable level (0): a file at risk
     * needs its follow-ups.
     */
    async close(id: string, input: CloseInput, who: Caller) {
      const person = await changeable(id, who);
      if (input.reason === 'recovered' && person.riskLevel !== 0)
        throw fieldError('reason', t('error.recoveredNotStable'));
      const closedAt = new Date();
      const command = await db.$transaction(
        async (tx) => {
          // Two closers at once: the second finds the file closed.
          const { count } = await tx.person.updateMany({
            where: { id, closedAt: null },
            data: { closedAt, closedReason: input.reason, closedById: who.user.id, nextFollowUpDueAt: null },
          });
          if (!count) throw new HttpError(409, 'error.fileClosed');
          await tx.personHistory.create({
            data: {
              personId: id,
              action: 'closed',
              actorId: who.user.id,
              dedupKey: `closed:${id}`,
              detail: { reason: input.reason, note: input.note ?? null },
            },
          });
          return person.processInstanceId
            ? queueCommand(tx, person.processInstanceId, {
                kind: 'correlate',
                message: 'patient-care-close',
                variables: { closeReason: input.reason },
              })
            : null;
        },
        { timeout: 30_000 },
      );
      if (command)
        await commandAfterCommit(db, engine, command, async (tx) => {
          await tx.person.update({
            where: { id },
            data: {
              closedAt: null,
              closedReason: null,
              closedById: null,
              nextFollowUpDueAt: person.nextFollowUpDueAt,
            },
          });
          await tx.personHistory.deleteMany({ where: { dedupKey: `closed:${id}` } });
        });
      return { id, closedAt, closedReason: input.reason };
    },

    async create(input: PersonInput, who: Caller, address: string) {
      const type = await db.personType.findUnique({ where: { code: input.typeCode } });
      if (!type) throw fieldError('typeCode', t('error.unknownPersonType'));
      const grid = await gridFor('gridId', input.gridId, who, 'create');
      const team = await checkTeam(input.team, grid.path);
      const building = await linkedBuilding(db, input.buildingId, grid.path);
      const idNumberHash = crypto.blindIndex(input.idNumber);
      if (
        await db.person.findUnique({
          where: { typeCode_idNumberHash: { typeCode: type.code, idNumberHash } },
        })
      )
        throw new HttpError(409, 'error.personExists');

      const person = await db.$transaction(async (tx) => {
        const created = await tx.person.create({
          data: {
            typeCode: type.code,
            name: input.name,
            gender: input.gender ?? null,
            idNumberEnc: crypto.encrypt(input.idNumber.toUpperCase()),
            idNumberHash,
            phoneEnc: input.phone ? crypto.encrypt(input.phone) : null,
            address: input.address,
            gridId: grid.id,
            gridPath: grid.path,
            buildingId: building?.id ?? null,
            diagnosis: input.diagnosis ?? null,
            guardianName: input.guardianName ?? null,
            guardianPhoneEnc: input.guardianPhone ? crypto.encrypt(input.guardianPhone) : null,
            guardianAgreement: input.guardianAgreement,
            guardianAgreedAt: input.guardianAgreement ? new Date() : null,
            riskLevel: input.riskLevel,
            attachments: input.attachments,
            createdById: who.user.id,
            team: { create: team },
          },
        });
        await tx.riskLevelRecord.create({
          data: {
            personId: created.id,
            level: input.riskLevel,
            source: 'file',
            sourceId: `file:${created.id}`,
          },
        });
        await tx.personHistory.create({
          data: {
            personId: created.id,
            action: 'created',
            actorId: who.user.id,
            dedupKey: `created:${created.id}`,
            detail: { gridId: grid.id, riskLevel: input.riskLevel },
          },
        });
        await queueStart(tx, {
          caseKind: 'PERSON',
          caseId: created.id,
          processKey: type.processKey,
          businessKey: created.id,
          variables: {
            personId: created.id,
            typeCode: type.code,
            ...chainOf(grid),
            riskLevel: input.riskLevel,
            ...assigneesOf(team),
            emergencyRecordWindow: deps.emergencyRecordWindow,
          } satisfies Variables,
        });
        return created;
      });
      // A file never exists without its cycle: the engine's refusal takes it back; an engine that is
      // away starts it later (lib/engine-starts.ts).
      await startAfterCommit(db, engine, person.id, (tx) => tx.person.delete({ where: { id: person.id } }));
      await audit.record({
        by: who.user.id,
        action: 'patient.create',
        subjectType: 'Person',
        subjectId: person.id,
        address,
      });
      return { id: person.id };
    },

    /** One file, audited: identity unmasked only for the team roles that work with it. */
    async get(id: string, who: Caller, address: string) {
      const person = await readable(id, who);
      await audit.record({
        by: who.user.id,
        action: 'patient.read',
        subjectType: 'Person',
        subjectId: id,
        address,
      });
      const [full, roles, tasks, grid] = await Promise.all([
        db.person.findUniqueOrThrow({
          where: { id },
          include: {
            type: true,
            history: { orderBy: { at: 'asc' } },
            riskLevels: { orderBy: { at: 'asc' } },
            followUps: { orderBy: { at: 'desc' } },
            emergencies: { orderBy: { openedAt: 'desc' } },
          },
        }),
        db.teamRole.findMany({ orderBy: { sort: 'asc' } }),
        openSteps(db, person.processInstanceId),
        db.org.findUnique({ where: { id: person.gridId }, select: { id: true, name: true } }),
      ]);
      // The grid answers for the file when no step of the caller's subtree is open (as 督办 presses it).
      const open = await stepsAndSupervision(db, who, tasks, person.gridId);
      const unmasked = await seesIdentity(person, who);
      const reveal = (enc: string | null, mask: (v: string) => string) =>
        enc ? (unmasked ? crypto.decrypt(enc) : mask(crypto.decrypt(enc))) : null;
      const peopleIds = [
        ...new Set(
          [...full.history.map((h) => h.actorId), ...full.followUps.map((f) => f.byId)].filter(Boolean),
        ),
      ] as string[];
      const people = Object.fromEntries(
        (
          await db.user.findMany({
            where: { id: { in: peopleIds } },
            select: { id: true, displayName: true },
          })
        ).map((u) => [u.id, u.displayName]),
      );
      const designated = person.team.find((m) => m.designated);
      const { idNumberEnc, phoneEnc, guardianPhoneEnc, idNumberHash, ...rest } = full;
      void idNumberHash;
      return {
        ...rest,
        attachments: rest.attachments,
        grid,
        idNumber: reveal(idNumberEnc, maskIdNumber),
        phone: reveal(phoneEnc, maskPhone),
        guardianPhone: reveal(guardianPhoneEnc, maskPhone),
        identityMasked: !unmasked,
        team: person.team.map((m) => ({
          ...m,
          role: localizedOf(roles.find((r) => r.code === m.roleCode)?.name ?? m.roleCode),
        })),
        openTasks: open.steps,
        maySupervise: open.maySupervise,
        canRecordFollowUp: designated?.userId === who.user.id,
        canManage: who.ability.can('update', subject('Person', person)),
        people,
        type: { ...rest.type, name: localizedOf(rest.type.name) },
        history: full.history.map((h) => ({ ...h, id: String(h.id), detail: objectOf(h.detail) })),
        riskLevels: full.riskLevels.map((r) => ({ ...r, id: String(r.id) })),
      };
    },

    /** 重点人员: the files the caller may read, filtered and paged; identifiers never listed. */
    async list(query: ListQuery, who: Caller) {
      const filters: Prisma.PersonWhereInput[] = [
        accessibleBy(who.ability, 'read').ofType('Person'),
        { closedAt: query.closed ? { not: null } : null },
      ];
      if (query.type) filters.push({ typeCode: query.type });
      if (query.risk !== undefined) filters.push({ riskLevel: query.risk });
      if (query.overdue !== undefined)
        filters.push(
          query.overdue
            ? { nextFollowUpDueAt: { lt: new Date() } }
            : { OR: [{ nextFollowUpDueAt: null }, { nextFollowUpDueAt: { gte: new Date() } }] },
        );
      if (query.street) {
        const street = await db.org.findUnique({ where: { id: query.street } });
        if (!street || street.type !== 'STREET') throw fieldError('street', t('error.notAStreet'));
        if (!who.ability.can('read', subject('Org', street)))
          throw fieldError('street', t('error.unitNotNameable'));
        filters.push({ gridPath: { startsWith: street.path } });
      }
      const where = { AND: filters };
      const [total, items] = await Promise.all([
        db.person.count({ where }),
        db.person.findMany({
          where,
          orderBy: [{ riskLevel: 'desc' }, { nextFollowUpDueAt: 'asc' }, { id: 'asc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
          select: {
            id: true,
            typeCode: true,
            name: true,
            gender: true,
            gridId: true,
            riskLevel: true,
            guardianAgreement: true,
            nextFollowUpDueAt: true,
            createdAt: true,
            closedAt: true,
            closedReason: true,
          },
        }),
      ]);
      const grids = new Map(
        (
          await db.org.findMany({
            where: { id: { in: [...new Set(items.map((p) => p.gridId))] } },
            select: { id: true, name: true },
          })
        ).map((g) => [g.id, g.name]),
      );
      const now = new Date();
      return {
        total,
        page: query.page,
        pageSize: query.pageSize,
        items: items.map((p) => ({
          ...p,
          gridName: grids.get(p.gridId) ?? p.gridId,
          overdue: !!p.nextFollowUpDueAt && p.nextFollowUpDueAt < now,
        })),
      };
    },

    /** The team re-formed (roles, members, the designated member); open tasks follow it. */
    async setTeam(id: string, members: MemberInput[], who: Caller) {
      const person = await changeable(id, who);
      const team = await checkTeam(members, person.gridPath);
      const command = await db.$transaction(
        async (tx) => {
          await lockedTeam(tx, id);
          await tx.teamMember.deleteMany({ where: { personId: id } });
          await tx.teamMember.createMany({ data: team.map((m) => ({ ...m, personId: id })) });
          await tx.personHistory.create({
            data: {
              personId: id,
              action: 'team',
              actorId: who.user.id,
              dedupKey: `team:${id}:${Date.now()}:${who.user.id}`,
              detail: {
                members: team.map((m) => ({ roleCode: m.roleCode, name: m.name, designated: m.designated })),
              },
            },
          });
          return queueHandOver(tx, person, team);
        },
        { timeout: 30_000 },
      );
      await handOver(command);
      return { id };
    },

    /** Whom the team editor offers: the roles, and the users who may be named onto this file's team. */
    async teamCandidates(id: string, who: Caller) {
      return candidatesFor((await changeable(id, who)).gridPath);
    },

    /**
     * The grids the caller may put a file in (建档, or 随档转移 to), under their communities and
     * streets: the check those steps make of the grid, over the caller's own subtree.
     */
    async grids(who: Caller) {
      const rows = await db.org.findMany({
        where: {
          AND: [accessibleBy(who.ability, 'assign').ofType('Org'), { type: 'GRID', retiredAt: null }],
        },
        select: {
          id: true,
          name: true,
          path: true,
          parent: { select: { id: true, name: true, parent: { select: { id: true, name: true } } } },
        },
        orderBy: { path: 'asc' },
      });
      return {
        items: rows
          .filter((g) => who.ability.can('create', subject('Person', { gridPath: g.path } as Person)))
          .map((g) => ({
            id: g.id,
            name: g.name,
            communityId: g.parent?.id ?? null,
            communityName: g.parent?.name ?? null,
            streetId: g.parent?.parent?.id ?? null,
            streetName: g.parent?.parent?.name ?? null,
          })),
      };
    },

    /** Whom a file's team may have in a grid the caller may put a file in (a new file, or one moved there). */
    async gridTeamCandidates(gridId: string, who: Caller) {
      const grid = await db.org.findUnique({ where: { id: gridId } });
      if (
        !grid ||
        grid.type !== 'GRID' ||
        grid.retiredAt ||
        !who.ability.can('create', subject('Person', { gridPath: grid.path } as Person))
      )
        throw new HttpError(404, 'error.notFound');
      return candidatesFor(grid.path);
    },

    /** 变更指定随访员: another member of the team; the open follow-up is handed to them. */
    async designate(id: string, userId: string, who: Caller) {
      const person = await changeable(id, who);
      const command = await db.$transaction(
        async (tx) => {
          // The team as it is now: a re-form a moment ago may have taken the member off it.
          const current = await lockedTeam(tx, id);
          const chosen = current.find((m) => m.userId === userId);
          if (!chosen) throw fieldError('userId', t('error.unknownUser'));
          await tx.teamMember.updateMany({ where: { personId: id }, data: { designated: false } });
          await tx.teamMember.update({ where: { id: chosen.id }, data: { designated: true } });
          await tx.personHistory.create({
            data: {
              personId: id,
              action: 'designated',
              actorId: who.user.id,
              dedupKey: `designated:${id}:${Date.now()}:${userId}`,
              detail: { userId, name: chosen.name },
            },
          });
          return queueHandOver(
            tx,
            person,
            current.map((m) => ({ ...m, designated: m.id === chosen.id })),
          );
        },
        { timeout: 30_000 },
      );
      await handOver(command);
      return { id };
    },

    /**
     * 随档转移: the person moved to another grid. The team is re-formed there (the old members
     * lose access with the old grid), the open tasks move to the new grid's unit, and the file
     * keeps the move in its history.
     */
    async move(id: string, input: { gridId: string; team: MemberInput[] }, who: Caller) {
      const person = await changeable(id, who);
      const grid = await gridFor('gridId', input.gridId, who, 'update');
      if (grid.id === person.gridId) throw fieldError('gridId', t('error.invalid'));
      const team = await checkTeam(input.team, grid.path);
      const command = await db.$transaction(
        async (tx) => {
          await lockedTeam(tx, id);
          await tx.person.update({ where: { id }, data: { gridId: grid.id, gridPath: grid.path } });
          await tx.teamMember.deleteMany({ where: { personId: id } });
          await tx.teamMember.createMany({ data: team.map((m) => ({ ...m, personId: id })) });
          await tx.personHistory.create({
            data: {
              personId: id,
              action: 'moved',
              actorId: who.user.id,
              dedupKey: `moved:${id}:${Date.now()}`,
              detail: {
                from: person.gridId,
                to: grid.id,
                formerMembers: person.team.map((m) => m.name),
                members: team.map((m) => m.name),
              },
            },
          });
          return queueHandOver(tx, person, team, { from: person.gridId, to: grid });
        },
        { timeout: 30_000 },
      );
      await handOver(command);
      return { id };
    },

    /**
     * 一员回访: the designated member records the open follow-up by completing its task with the
     * follow-up form (the same contract as the inbox); the workers write the record and alert
     * the rest of the team. Team members who only read get 403.
     */
    async recordFollowUp(id: string, input: FollowUpInput, who: Caller) {
      const person = await designatedOnly(id, who);
      const task = person.processInstanceId
        ? await db.inboxTask.findFirst({
            where: { processInstanceId: person.processInstanceId, elementId: 'follow-up', state: 'OPEN' },
          })
        : null;
      if (!task) throw new HttpError(409, 'error.noFollowUpDue');
      await inbox.complete(task.key, { ...input }, who);
      return { taskKey: task.key };
    },

    /**
     * 一方警示，多方联动: whoever reads the file (the grid member who met the person at an event,
     * the police, the chain above) reports a risk of 3 or more; the waiting follow-up gives way to
     * the emergency path at once. While an emergency is under way the engine waits for no such
     * report: 409. The reported level is the file's level from then on, like any other grading.
     */
    async reportRisk(id: string, input: RiskReport, who: Caller) {
      const person = open(await readable(id, who));
      if (
        !person.processInstanceId ||
        !(await engine.eventSubscriptions(person.processInstanceId, 'patient-care-risk-reported')).length
      )
        throw new HttpError(409, 'error.emergencyUnderway');
      const at = new Date();
      const dedup = `${id}:${at.getTime()}:${who.user.id}`;
      const command = await db.$transaction(async (tx) => {
        await tx.riskLevelRecord.create({
          data: { personId: id, level: input.riskLevel, source: 'report', sourceId: `report:${dedup}`, at },
        });
        await tx.person.update({ where: { id }, data: { riskLevel: input.riskLevel } });
        await tx.personHistory.create({
          data: {
            personId: id,
            action: 'riskReported',
            actorId: who.user.id,
            at,
            dedupKey: `riskReported:${dedup}`,
            detail: { riskLevel: input.riskLevel, description: input.description },
          },
        });
        return queueCommand(tx, person.processInstanceId!, {
          kind: 'correlate',
          message: 'patient-care-risk-reported',
          variables: { riskLevel: input.riskLevel },
        });
      });
      // The emergency began between the look and the delivery: the report is taken back.
      await commandAfterCommit(db, engine, command, async (tx) => {
        await tx.riskLevelRecord.deleteMany({ where: { sourceId: `report:${dedup}` } });
        await tx.person.update({ where: { id }, data: { riskLevel: person.riskLevel } });
        await tx.personHistory.deleteMany({ where: { dedupKey: `riskReported:${dedup}` } });
      }).catch((err) => {
        throw err instanceof EngineError ? new HttpError(409, 'error.emergencyUnderway') : err;
      });
      return { id };
    },
  };
}

export type PatientsService = ReturnType<typeof createPatientsService>;
