import { subject } from '@casl/ability';
import { EngineError, EngineUnavailableError, type ProcessEngine } from '../../../../lib/engine/process-engine';
import type { Db } from '../../../../lib/db';
import { XMLValidator } from 'fast-xml-parser';
import { decisionIds, deployDecisionFile, deployDiagram, elementsAt } from '../../../../lib/processes';
import { accessibleBy, type AppAbility, type SessionUser } from '../../abilities';
import { engineHttpError, HttpError } from '../../http/errors';
import { checkDiagram, type LintIssue } from './bpmn-lint';

interface Caller {
  user: SessionUser;
  ability: AppAbility;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const issueField = (i: LintIssue) => ({
  field: i.elementId,
  message: { 'zh-CN': `规则 ${i.rule}：${i.message}`, en: `rule ${i.rule}: ${i.message}` },
});

export function createProcessesService(db: Db, engine: ProcessEngine) {
  /** Running instances of each version, as the engine counts them. */
  async function runningInstances(ids: string[]): Promise<Map<string, number>> {
    const counts = await Promise.all(ids.map((id) => engine.instanceCount(id).catch(() => 0)));
    return new Map(ids.map((id, i) => [id, counts[i]]));
  }

  /**
   * Deploys one resource; the engine's refusal is the designer's 400 naming each element
   * (engineHttpError), anything else a 503. For an expression it cannot parse the engine names
   * no element (a 500, ENGINE-01009, quoting the expression): the element is found by the quote.
   */
  async function deployToEngine<T>(xml: string, deploy: () => Promise<T>) {
    try {
      return await deploy();
    } catch (err) {
      if (!(err instanceof EngineError || err instanceof EngineUnavailableError)) throw err;
      if (err instanceof EngineError && err.refused && !err.problems.length) {
        const quoted = /Error parsing '([^']+)'/.exec(err.message)?.[1] ?? '';
        const problems = elementsAt(xml, quoted).map((elementId) => ({ elementId, message: err.message }));
        throw engineHttpError(new EngineError(err.status, err.type, err.message, problems), 'xml');
      }
      throw engineHttpError(err, 'xml');
    }
  }

  return {
    /** Every diagram with its versions, newest first, and how many running cases use each. */
    async list({ ability }: Caller) {
      const definitions = await db.processDefinition.findMany({
        where: accessibleBy(ability, 'design').ofType('ProcessDefinition'),
        select: { id: true, bpmnProcessId: true, version: true, resourceName: true, deployedAt: true },
        orderBy: [{ bpmnProcessId: 'asc' }, { version: 'desc' }],
      });
      const running = await runningInstances(definitions.map((d) => d.id));
      type Version = (typeof definitions)[number] & { key: string; runningInstances: number };
      const diagrams = new Map<string, { bpmnProcessId: string; versions: Version[] }>();
      for (const d of definitions) {
        const entry = diagrams.get(d.bpmnProcessId) ?? { bpmnProcessId: d.bpmnProcessId, versions: [] };
        entry.versions.push({ ...d, key: d.id, runningInstances: running.get(d.id) ?? 0 });
        diagrams.set(d.bpmnProcessId, entry);
      }
      return { items: [...diagrams.values()] };
    },

    /** One version with its XML as deployed. */
    async get(key: string, { ability }: Caller) {
      const definition = await db.processDefinition.findUnique({ where: { id: key } });
      const xml = definition?.xml;
      if (!definition || !xml || !ability.can('design', subject('ProcessDefinition', definition)))
        throw new HttpError(404, 'error.notFound');
      return { ...definition, xml, key: definition.id };
    },

    /**
     * Deploys a new version: parsed, linted with the project's rules (errors refuse it, naming
     * each element and rule), deployed to the engine, recorded with its element names, audited.
     * Deploying XML the engine already has as the latest version returns that version.
     */
    async deploy(xml: string) {
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

      // With the forms the diagram names: one deployment per process version.
      const definition = await deployToEngine(xml, () => deployDiagram(engine, db, `${processId}.bpmn`, xml));
      return {
        key: definition.id,
        bpmnProcessId: definition.bpmnProcessId,
        version: definition.version,
        deployedAt: definition.deployedAt,
        warnings: check.warnings,
      };
    },

    /** Every decision graph with its versions, newest first (decisions are district-wide). */
    async listDecisions() {
      const definitions = await db.decisionDefinition.findMany({
        select: { id: true, decisionRequirementsId: true, decisionIds: true, version: true, resourceName: true, deployedAt: true },
        orderBy: [{ decisionRequirementsId: 'asc' }, { version: 'desc' }],
      });
      type Version = (typeof definitions)[number] & { key: string };
      const graphs = new Map<string, { decisionRequirementsId: string; versions: Version[] }>();
      for (const d of definitions) {
        const id = d.decisionRequirementsId;
        const entry = graphs.get(id) ?? { decisionRequirementsId: id, versions: [] };
        entry.versions.push({ ...d, key: d.id });
        graphs.set(id, entry);
      }
      return { items: [...graphs.values()] };
    },

    /** One decision graph version with its XML as deployed. */
    async getDecision(key: string) {
      const definition = await db.decisionDefinition.findUnique({ where: { id: key } });
      if (!definition) throw new HttpError(404, 'error.notFound');
      return { ...definition, key: definition.id };
    },

    /**
     * Deploys a new version of a decision table: checked to be a DMN `definitions` with
     * decisions and kebab-case ids, deployed to the engine (which validates the FEEL),
     * recorded with its XML, audited. The next business rule task evaluating it uses it.
     */
    async deployDecision(xml: string) {
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

      const definition = await deployToEngine(xml, () =>
        deployDecisionFile(engine, db, `${ids.drgId}.dmn`, xml),
      );
      const { id, decisionRequirementsId, decisionIds: decisions, version, deployedAt } = definition;
      return { key: id, decisionRequirementsId, decisionIds: decisions, version, deployedAt };
    },
  };
}

export type ProcessesService = ReturnType<typeof createProcessesService>;
