import { accessibleBy } from '@casl/prisma';
import { subject } from '@casl/ability';
import type { ZeebeClient } from '../../../../lib/camunda';
import type { Db } from '../../../../lib/db';
import { XMLValidator } from 'fast-xml-parser';
import {
  decisionIds,
  recordDecision,
  recordProcess,
  type DeployedDecisionRequirements,
  type DeployedProcess,
} from '../../../../lib/processes';
import type { AppAbility, SessionUser } from '../../abilities';
import { HttpError } from '../../http/errors';
import { checkDiagram, type LintIssue } from './bpmn-lint';

interface Caller {
  user: SessionUser;
  ability: AppAbility;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** gRPC INVALID_ARGUMENT: the engine refused the resource (it validates beyond the lint rules). */
const GRPC_INVALID_ARGUMENT = 3;

const issueField = (i: LintIssue) => ({
  field: i.elementId,
  message: { 'zh-CN': `规则 ${i.rule}：${i.message}`, en: `rule ${i.rule}: ${i.message}` },
});

export function createProcessesService(db: Db, zeebe: ZeebeClient) {
  /** Running instances per version: open inbox tasks and open events, each instance once. */
  async function runningInstances(): Promise<Map<string, number>> {
    const rows = await db.$queryRaw<{ key: string; count: bigint }[]>`
      SELECT key, COUNT(DISTINCT instance) AS count FROM (
        SELECT "processDefinitionKey" AS key, "processInstanceKey" AS instance
          FROM "InboxTask" WHERE state = 'OPEN'
        UNION
        SELECT "processDefinitionKey", "processInstanceKey"
          FROM "Event" WHERE status = 'OPEN' AND "processDefinitionKey" IS NOT NULL
            AND "processInstanceKey" IS NOT NULL
      ) AS running GROUP BY key`;
    return new Map(rows.map((r) => [r.key, Number(r.count)]));
  }

  /** Deploys one resource; the engine's refusal is the caller's 400, anything else a 503. */
  async function deployToEngine<T>(deploy: () => Promise<T>) {
    try {
      return await deploy();
    } catch (err) {
      if ((err as { code?: number }).code !== GRPC_INVALID_ARGUMENT)
        throw new HttpError(503, 'error.engineUnavailable');
      const detail = (err as Error).message;
      throw new HttpError(400, 'error.engineRejected', [
        { field: 'xml', message: { 'zh-CN': detail, en: detail } },
      ]);
    }
  }

  return {
    /** Every diagram with its versions, newest first, and how many running cases use each. */
    async list({ ability }: Caller) {
      const [definitions, running] = await Promise.all([
        db.processDefinition.findMany({
          where: accessibleBy(ability, 'design').ofType('ProcessDefinition'),
          select: { key: true, bpmnProcessId: true, version: true, resourceName: true, deployedAt: true },
          orderBy: [{ bpmnProcessId: 'asc' }, { version: 'desc' }],
        }),
        runningInstances(),
      ]);
      const diagrams = new Map<string, { bpmnProcessId: string; versions: unknown[] }>();
      for (const d of definitions) {
        const entry = diagrams.get(d.bpmnProcessId) ?? { bpmnProcessId: d.bpmnProcessId, versions: [] };
        entry.versions.push({ ...d, runningInstances: running.get(d.key) ?? 0 });
        diagrams.set(d.bpmnProcessId, entry);
      }
      return { items: [...diagrams.values()] };
    },

    /** One version with its XML as deployed. */
    async get(key: string, { ability }: Caller) {
      const definition = await db.processDefinition.findUnique({ where: { key } });
      if (!definition?.xml || !ability.can('design', subject('ProcessDefinition', definition)))
        throw new HttpError(404, 'error.notFound');
      return definition;
    },

    /**
     * Deploys a new version: parsed, linted with the project's rules (errors refuse it, naming
     * each element and rule), deployed to the engine, recorded with its element names, audited.
     * Deploying XML the engine already has as the latest version returns that version.
     */
    async deploy(xml: string, { user, ability }: Caller) {
      if (!ability.can('create', 'ProcessDefinition')) throw new HttpError(403, 'error.forbidden');
      const check = await checkDiagram(xml);
      if (!check.ok)
        throw new HttpError(400, 'error.badBpmn', [
          { field: 'xml', message: { 'zh-CN': check.parseError, en: check.parseError } },
        ]);
      const [processId, ...others] = check.processIds;
      if (!processId || others.length || !KEBAB.test(processId))
        throw new HttpError(400, 'error.badProcessId', [
          {
            field: 'xml',
            message: { 'zh-CN': check.processIds.join(', '), en: check.processIds.join(', ') || '(none)' },
          },
        ]);
      if (check.errors.length) throw new HttpError(400, 'error.lintFailed', check.errors.map(issueField));

      const response = await deployToEngine(() =>
        zeebe.deployResource({ process: Buffer.from(xml), name: `${processId}.bpmn` }),
      );
      const deployed: DeployedProcess | undefined = response.deployments[0]?.process;
      if (!deployed) throw new HttpError(503, 'error.engineUnavailable');
      const definition = await recordProcess(db, deployed, xml);
      await db.auditLog.create({
        data: {
          userId: user.id,
          action: 'process.deploy',
          subjectType: 'ProcessDefinition',
          subjectId: definition.key,
          detail: {
            bpmnProcessId: definition.bpmnProcessId,
            version: definition.version,
            warnings: check.warnings.length,
          },
        },
      });
      return {
        key: definition.key,
        bpmnProcessId: definition.bpmnProcessId,
        version: definition.version,
        deployedAt: definition.deployedAt,
        warnings: check.warnings,
      };
    },

    /** Every decision graph with its versions, newest first (decisions are district-wide). */
    async listDecisions({ ability }: Caller) {
      if (!ability.can('design', 'ProcessDefinition')) throw new HttpError(403, 'error.forbidden');
      const definitions = await db.decisionDefinition.findMany({
        select: { key: true, decisionRequirementsId: true, decisionIds: true, version: true, resourceName: true, deployedAt: true },
        orderBy: [{ decisionRequirementsId: 'asc' }, { version: 'desc' }],
      });
      const graphs = new Map<string, { decisionRequirementsId: string; versions: unknown[] }>();
      for (const d of definitions) {
        const id = d.decisionRequirementsId;
        const entry = graphs.get(id) ?? { decisionRequirementsId: id, versions: [] };
        entry.versions.push(d);
        graphs.set(id, entry);
      }
      return { items: [...graphs.values()] };
    },

    /** One decision graph version with its XML as deployed. */
    async getDecision(key: string, { ability }: Caller) {
      if (!ability.can('design', 'ProcessDefinition')) throw new HttpError(403, 'error.forbidden');
      const definition = await db.decisionDefinition.findUnique({ where: { key } });
      if (!definition) throw new HttpError(404, 'error.notFound');
      return definition;
    },

    /**
     * Deploys a new version of a decision table: checked to be a DMN `definitions` with
     * decisions and kebab-case ids, deployed to the engine (which validates the FEEL),
     * recorded with its XML, audited. The next business rule task evaluating it uses it.
     */
    async deployDecision(xml: string, { user, ability }: Caller) {
      if (!ability.can('create', 'ProcessDefinition')) throw new HttpError(403, 'error.forbidden');
      const wellFormed = XMLValidator.validate(xml);
      const ids = wellFormed === true ? decisionIds(xml) : { decisions: [] };
      const problem =
        wellFormed !== true
          ? `line ${wellFormed.err.line}: ${wellFormed.err.msg}`
          : !ids.drgId || !KEBAB.test(ids.drgId)
            ? `definitions id: ${ids.drgId ?? '(none)'}`
            : !ids.decisions.length
              ? 'no decision'
              : ids.decisions.find((id) => !KEBAB.test(id));
      if (problem) throw new HttpError(400, 'error.badDmn', [{ field: 'xml', message: { 'zh-CN': problem, en: problem } }]);

      const response = await deployToEngine(() =>
        zeebe.deployResource({ decision: Buffer.from(xml), name: `${ids.decisions[0]}.dmn` }),
      );
      // The SDK types a .dmn deployment as decisions only; the engine also reports the graph.
      const graphs = response.deployments as { decisionRequirements?: DeployedDecisionRequirements }[];
      const deployed = graphs.find((d) => d.decisionRequirements)?.decisionRequirements;
      if (!deployed) throw new HttpError(503, 'error.engineUnavailable');
      const definition = await recordDecision(db, deployed, xml);
      await db.auditLog.create({
        data: {
          userId: user.id,
          action: 'decision.deploy',
          subjectType: 'DecisionDefinition',
          subjectId: definition.key,
          detail: { decisionRequirementsId: definition.decisionRequirementsId, version: definition.version },
        },
      });
      const { key, decisionRequirementsId, decisionIds: decisions, version, deployedAt } = definition;
      return { key, decisionRequirementsId, decisionIds: decisions, version, deployedAt };
    },
  };
}

export type ProcessesService = ReturnType<typeof createProcessesService>;
