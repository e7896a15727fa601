/**
 * 发起: starting any deployed process a user may start, by hand. The five built-in loops keep
 * their own registration pages (they check and record their case first); every other process —
 * one a designer built in the designer or brought from Camunda Modeler — is started here, with
 * its start form's fields and nothing else, and the caller as its initiator.
 */
import type { ProcessEngine } from '../../../../lib/engine/process-engine';
import { EngineError } from '../../../../lib/engine/process-engine';
import type { Db } from '../../../../lib/db';
import type { Variables } from '../../../../lib/engine/variables';
import { startFacts, type StartFacts } from '../../../../lib/processes';
import { createAuditLog } from '../audit/audit.service';
import { checkPicked, pickerOptions } from '../inbox/form-pickers';
import { loopOfProcess } from '../../../../loops';
import { pathFromHistory } from '../../../../lib/case-path';
import { accessibleBy, candidateGroupsOf } from '../../abilities';
import type { Caller } from '../../http/define-route';
import { HttpError, parse } from '../../http/errors';
import { formContract, formFieldLabels, photoFieldKeys, protectedVariablesOf } from '../inbox/form-contract';
import { checkStepPhotos } from '../inbox/step-photos';

/** The latest version of a process the caller may start, with how it starts. */
interface Startable {
  id: string;
  bpmnProcessId: string;
  version: number;
  deployedAt: Date;
  facts: StartFacts;
}

/** The engine's times (`…+0000`) as dates, which the answer writes in ISO 8601. */
const at = (time: string | null | undefined) => (time ? new Date(time) : null);

/** The variable the instance names its starter in when the start event declares no camunda:initiator. */
export const DEFAULT_INITIATOR = 'initiator';

export function createGenericProcessService(db: Db, engine: ProcessEngine) {
  const audit = createAuditLog(db);
  /** The latest version of every process that is not a built-in loop, with how it starts. */
  // A version's diagram never changes, so its start facts are read once per version, not per request.
  const factsByVersion = new Map<string, StartFacts | null>();
  const factsOf = (id: string, xml: string) => {
    if (!factsByVersion.has(id)) factsByVersion.set(id, startFacts(xml));
    return factsByVersion.get(id)!;
  };

  /** What a version's forms call each variable (its deployed forms never change either). */
  const labelsByVersion = new Map<string, Promise<Map<string, string>>>();
  const labelsOf = (definitionId: string) => {
    if (!labelsByVersion.has(definitionId))
      labelsByVersion.set(
        definitionId,
        engine.deployedForms(definitionId).then(
          (forms) =>
            new Map(
              forms.flatMap((f) => {
                try {
                  return [...formFieldLabels(JSON.parse(f.content))];
                } catch {
                  return [];
                }
              }),
            ),
          (err: unknown) => {
            labelsByVersion.delete(definitionId);
            throw err;
          },
        ),
      );
    return labelsByVersion.get(definitionId)!;
  };

  async function latestStartable(): Promise<Startable[]> {
    const latest = await db.processDefinition.findMany({
      distinct: ['bpmnProcessId'],
      orderBy: [{ bpmnProcessId: 'asc' }, { version: 'desc' }],
      select: { id: true, bpmnProcessId: true, version: true, xml: true, deployedAt: true },
    });
    return latest.flatMap((d) => {
      const facts = d.xml && !loopOfProcess(d.bpmnProcessId) ? factsOf(d.id, d.xml) : null;
      return facts?.startable ? [{ ...d, facts }] : [];
    });
  }

  /** The groups the caller answers for: their own, and the imported groups mapped to their unit. */
  async function groupsOf({ user }: Caller) {
    const mapped = await db.groupMapping.findMany({ where: { orgId: user.orgId }, select: { group: true } });
    return new Set([...candidateGroupsOf(user), ...mapped.map((m) => m.group)]);
  }

  /** camunda:candidateStarterGroups/Users; a process naming neither may be started by every case worker. */
  const mayStart = (facts: StartFacts, groups: Set<string>, { user }: Caller) =>
    (!facts.starterGroups.length && !facts.starterUsers.length) ||
    facts.starterUsers.includes(user.username) ||
    facts.starterGroups.some((g) => groups.has(g));

  /** One process the caller may start: 404 when there is none by that id, 403 when they may not start it. */
  async function startableBy(processId: string, who: Caller): Promise<Startable> {
    const found = (await latestStartable()).find((d) => d.bpmnProcessId === processId);
    if (!found) {
      // A built-in loop is started on its own page, where its case is registered.
      if (loopOfProcess(processId)) throw new HttpError(409, 'error.loopHasOwnPage');
      throw new HttpError(404, 'error.notFound');
    }
    if (!mayStart(found.facts, await groupsOf(who), who)) throw new HttpError(403, 'error.mayNotStart');
    return found;
  }

  /** The start form as deployed with the version; null when its start event has none. */
  async function startForm(definitionId: string, facts: StartFacts) {
    if (!facts.startFormRef) return null;
    try {
      return (await engine.deployedStartForm(definitionId)) as { id?: string; components?: [] };
    } catch (err) {
      if (err instanceof EngineError && err.status < 500) return null;
      throw new HttpError(503, 'error.engineUnavailable');
    }
  }

  /**
   * An instance of a process without a bespoke page, for whoever started it or may read one of its
   * steps (offered to them, done by them, or in a supervisor's area); anyone else, and the built-in
   * loops' instances (their own pages guard them), are answered as missing.
   */
  async function readableInstance(id: string, { user, ability }: Caller) {
    const instance = await engine.historicProcessInstance(id).catch((err: unknown) => {
      if (err instanceof EngineError && err.status < 500) return null;
      throw err;
    });
    const definition = instance?.processDefinitionId
      ? await db.processDefinition.findUnique({ where: { id: instance.processDefinitionId } })
      : null;
    if (!instance || !definition?.xml || loopOfProcess(definition.bpmnProcessId))
      throw new HttpError(404, 'error.notFound');
    const variables = await engine.historicVariables(id);
    const facts = factsOf(definition.id, definition.xml);
    const initiator = facts?.initiator ?? DEFAULT_INITIATOR;
    const readsStep = await db.inboxTask.count({
      where: { AND: [accessibleBy(ability, 'read').ofType('InboxTask'), { processInstanceId: id }] },
    });
    if (variables[initiator] !== user.id && !readsStep) throw new HttpError(404, 'error.notFound');
    return { instance, definition, facts, initiator, variables };
  }

  return {
    startable: startableBy,

    /** The generic case page: the diagram with the path taken, the steps from history, the variables, the open steps. */
    async instance(id: string, who: Caller, address: string) {
      const { instance, definition, facts, initiator, variables } = await readableInstance(id, who);
      // A refused read is the audit middleware's (SENSITIVE_READS); a granted one is recorded here.
      await audit.record({
        by: who.user.id,
        action: 'process-instance.read',
        subjectType: 'ProcessInstance',
        subjectId: id,
        address,
        detail: { bpmnProcessId: definition.bpmnProcessId },
      });
      const initiatorId = variables[initiator];
      const [history, labels] = await Promise.all([
        engine.activityHistory(id),
        labelsOf(definition.id).catch(() => new Map<string, string>()),
      ]);
      const open = await db.inboxTask.findMany({
        where: { processInstanceId: id, state: 'OPEN' },
        orderBy: { createdAt: 'asc' },
      });
      const people = new Set([
        ...(typeof initiatorId === 'string' ? [initiatorId] : []),
        ...history.flatMap((a) => (a.assignee ? [a.assignee] : [])),
        ...open.flatMap((t) => (t.assignee ? [t.assignee] : [])),
      ]);
      const users = await db.user.findMany({ where: { id: { in: [...people] } }, select: { id: true, displayName: true } });
      const units = await db.org.findMany({
        where: { id: { in: open.flatMap((t) => (t.orgId ? [t.orgId] : [])) } },
        select: { id: true, name: true },
      });
      const nameOf = (userId: string | null | undefined) => users.find((u) => u.id === userId)?.displayName ?? null;
      const path = pathFromHistory(
        definition.xml!,
        history.map((a) => ({
          activityId: a.activityId!,
          startTime: a.startTime!,
          endTime: a.endTime ?? null,
          canceled: a.canceled ?? false,
        })),
      );
      const shown = Object.entries(variables).filter(
        ([name, value]) => name !== initiator && (value === null || typeof value !== 'object'),
      );
      return {
        processInstanceId: id,
        bpmnProcessId: definition.bpmnProcessId,
        name: facts?.name ?? definition.bpmnProcessId,
        version: definition.version,
        state: instance.state ?? 'ACTIVE',
        startedAt: at(instance.startTime),
        endedAt: at(instance.endTime),
        initiatorName: nameOf(typeof initiatorId === 'string' ? initiatorId : null),
        xml: definition.xml!,
        ...path,
        // The steps as they happened, named as the diagram names them (flows and gateways are the path).
        steps: history
          .filter((a) => a.activityName && !/Gateway|sequenceFlow/.test(a.activityType ?? ''))
          .map((a) => ({
            activityId: a.activityId!,
            name: a.activityName!,
            type: a.activityType ?? '',
            startedAt: at(a.startTime)!,
            endedAt: at(a.endTime),
            by: nameOf(a.assignee),
          })),
        variables: shown.map(([name, value]) => ({
          name,
          label: labels.get(name) ?? null,
          value: value === null ? null : String(value),
        })),
        openSteps: open.map((t) => ({
          key: t.key,
          name: t.name,
          dueDate: t.dueDate,
          unitName: units.find((u) => u.id === t.orgId)?.name ?? null,
          assigneeName: nameOf(t.assignee),
        })),
      };
    },

    /** The processes the caller may start, named as their diagrams name them. */
    async list(who: Caller) {
      const groups = await groupsOf(who);
      const items = (await latestStartable())
        .filter((d) => mayStart(d.facts, groups, who))
        .map((d) => ({
          bpmnProcessId: d.bpmnProcessId,
          name: d.facts.name ?? d.bpmnProcessId,
          version: d.version,
          deployedAt: d.deployedAt,
          hasStartForm: !!d.facts.startFormRef,
        }));
      return { items };
    },

    /** What 发起 renders: the process's name and its start form. */
    async form(processId: string, who: Caller) {
      const { id, bpmnProcessId, version, facts } = await startableBy(processId, who);
      const schema = await startForm(id, facts);
      return { bpmnProcessId, name: facts.name ?? bpmnProcessId, version, schema, data: await pickerOptions(db, schema, who) };
    },

    /**
     * Starts the latest version with the start form's fields (form-contract.ts: an unknown or a
     * protected field is a 400 naming it) and the caller as initiator; the engine's refusal is a
     * 400, its absence a 503, and nothing is written before it accepted.
     */
    async start(process: Startable, variables: Record<string, unknown>, who: Caller) {
      const { id, bpmnProcessId, version, facts } = process;
      const initiator = facts.initiator ?? DEFAULT_INITIATOR;
      const protectedVariables = new Set([...protectedVariablesOf(bpmnProcessId), initiator]);
      const schema = await startForm(id, facts);
      const values = parse(formContract(schema, protectedVariables), variables, 'variables') as Record<string, unknown>;
      await checkPicked(db, schema, values, who);
      // A designer's process keeps no attachments: a start form's photo field cannot be filled.
      const photos = Object.fromEntries(
        photoFieldKeys(schema).flatMap((key) => (Array.isArray(values[key]) ? [[key, values[key] as string[]]] : [])),
      );
      await checkStepPhotos(db, null, photos, who.user.id);
      for (const key of photoFieldKeys(schema)) delete values[key];
      const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null));
      const instance = await engine.startProcessVersion(id, { ...given, [initiator]: who.user.id } as Variables);
      return { processInstanceId: instance.id!, bpmnProcessId, version };
    },
  };
}

export type GenericProcessService = ReturnType<typeof createGenericProcessService>;
