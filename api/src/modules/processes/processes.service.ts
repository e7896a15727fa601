import type { ProgressStore } from '../../../../lib/progress';
import { createDecisionTrials } from './decision-trial.service';
import { subject } from '@casl/ability';
import { EngineError, EngineUnavailableError, type ProcessEngine } from '../../../../lib/engine/process-engine';
import type { Db } from '../../../../lib/db';
import { XMLValidator } from 'fast-xml-parser';
import { readFile } from 'node:fs/promises';
import {
  decisionIds,
  deployDecisionFile,
  deployDiagram,
  elementsAt,
  nonExecutableProcesses,
  startFacts,
  TEMPLATES_FILE,
} from '../../../../lib/processes';
import { accessibleBy, type AppAbility, type SessionUser } from '../../abilities';
import { checkDiagram, type LintIssue } from './bpmn-lint';
import { engineHttpError, fieldError, HttpError } from '../../http/errors';
import { t } from '../../../../lib/i18n';
import { loopOfProcess } from '../../../../loops';
import { protectedVariablesOf } from '../inbox/form-contract';

interface Caller {
  user: SessionUser;
  ability: AppAbility;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const issueField = (i: LintIssue) => ({
  field: i.elementId,
  message: { 'zh-CN': `规则 ${i.rule}：${i.message}`, en: `rule ${i.rule}: ${i.message}` },
});

/** Operaton's process ids: an XML name (Camunda Modeler's `Process_1`, `loanApproval`). */
const PROCESS_ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
/** Names under /api/processes/ that are the designer's own routes: a process so named could not be started. */
const RESERVED_IDS = new Set(['versions', 'decisions', 'deployments', 'group-mappings', 'worker-templates', 'startable']);
/**
 * The project's own conventions (a form and a unit on every user task, an end event): errors for
 * the built-in loops, warnings for a diagram brought from elsewhere.
 */
const CONVENTIONS = ['user-task-assignment', 'end-event-required'];
/** camunda:candidateGroups values, read from the XML. */
const candidateGroups = (xml: string) =>
  new Set([...xml.matchAll(/camunda:candidateGroups="([^"]*)"/g)].flatMap((m) => m[1].split(',').map((g) => g.trim())));

/** A Camunda Form uploaded with its diagram (form-js's JSON). */
export interface UploadedForm {
  schema: { id?: unknown; components?: unknown };
}

/** A form's content as the engine or an upload holds it, by its field keys. */
const keysOfContent = (content: string) => {
  try {
    return new Set(allKeys((JSON.parse(content) as { components?: unknown }).components));
  } catch {
    return new Set<string>();
  }
};

/**
 * Each uploaded form has an id and components, unique keys and no protected variable (a form
 * field is what a caller may set: form-contract.ts), and keeps every field of its deployed version
 * that a worker of the diagram reads (the worker would fail on the next case); else a 400 naming
 * the form and the key.
 */
function checkForms(
  forms: UploadedForm[],
  protectedVariables: ReadonlySet<string>,
  deployed: ReadonlyMap<string, string>,
  reads: ReadonlyMap<string, string>,
) {
  const problems: { field: string; message: { 'zh-CN': string; en: string } }[] = [];
  const problem = (field: string, zh: string, en: string) =>
    problems.push({ field, message: { 'zh-CN': zh, en } });
  const checked = forms.map(({ schema }, i) => {
    const id = typeof schema.id === 'string' && FORM_ID.test(schema.id) ? schema.id : null;
    if (!id || !Array.isArray(schema.components)) problems.push({ field: `forms.${i}.schema.id`, message: t('error.badForm') });
    const seen = new Set<string>();
    for (const key of allKeys(schema.components)) {
      if (seen.has(key)) problem(`forms.${i}.${key}`, `${key}：重复的字段键`, `${key}: duplicate key`);
      else if (protectedVariables.has(key)) problem(`forms.${i}.${key}`, `${key}：受保护变量`, `${key}: protected variable`);
      seen.add(key);
    }
    for (const key of keysOfContent((id && deployed.get(id)) || '{}'))
      if (!seen.has(key) && reads.has(key))
        problem(
          `forms.${i}.${key}`,
          `${key}：自动步骤「${reads.get(key)}」读取此字段，不能删除`,
          `${key}: the worker "${reads.get(key)}" reads this field; it cannot be removed`,
        );
    return { id: id ?? '', schema };
  });
  if (problems.length) throw new HttpError(400, 'error.badForm', problems);
  return checked;
}

const FORM_ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
function allKeys(components: unknown): string[] {
  if (!Array.isArray(components)) return [];
  return components.flatMap((c: { key?: unknown; components?: unknown }) => [
    ...(typeof c?.key === 'string' ? [c.key] : []),
    ...allKeys(c?.components),
  ]);
}

interface TemplateProperty {
  value?: string;
  binding?: { type?: string; name?: string };
}
// The worker catalog's element templates, generated from the workers' declarations (`npm run topics`), read once.
let templates: Promise<unknown[]> | undefined;
export const workerTemplates = () =>
  (templates ??= readFile(TEMPLATES_FILE, 'utf8')
    .then((text) => JSON.parse(text) as unknown[])
    .catch((err: unknown) => {
      templates = undefined;
      throw err;
    }));

/**
 * What the diagram's workers must find (a read the worker does not mark optional: `${name}`, not
 * `execution.getVariable`), each with the worker's name: a form may not drop such a field.
 */
async function requiredReads(xml: string): Promise<Map<string, string>> {
  const topics = new Set([...xml.matchAll(/camunda:topic="([^"]+)"/g)].map((m) => m[1]));
  const reads = new Map<string, string>();
  for (const template of (await workerTemplates()) as { name: string; properties: TemplateProperty[] }[]) {
    const topic = template.properties.find((p) => p.binding?.name === 'camunda:topic')?.value;
    if (!topic || !topics.has(topic)) continue;
    for (const p of template.properties)
      if (p.binding?.type === 'camunda:inputParameter' && p.binding.name && p.value === `\${${p.binding.name}}`)
        reads.set(p.binding.name, template.name);
  }
  return reads;
}

/** A version's forms as deployed with it, by form id (`<id>.form`). */
const formsById = (forms: { name: string; content: string }[]) =>
  new Map(forms.map((f) => [f.name.replace(/\.form$/, ''), f.content]));

export function createProcessesService(db: Db, engine: ProcessEngine, progress: ProgressStore) {
  /** Imported groups no unit answers for yet: their tasks would reach nobody's inbox. */
  async function unmappedGroups(xml: string): Promise<LintIssue[]> {
    const foreign = [...candidateGroups(xml)].filter((g) => g && !g.includes(':') && !g.includes('$'));
    if (!foreign.length) return [];
    const mapped = new Set(
      (await db.groupMapping.findMany({ where: { group: { in: foreign } } })).map((m) => m.group),
    );
    return foreign
      .filter((g) => !mapped.has(g))
      .map((g) => ({
        rule: 'group-mapping',
        elementId: g,
        category: 'warn' as const,
        message: `候选组 "${g}" 尚未对应到单位，其任务不会进入任何人的待办 / candidate group "${g}" is not mapped to a unit: its tasks reach no inbox`,
      }));
  }

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

  /** A DMN `definitions` with decisions and kebab-case ids, or a 400 naming the draft's first fault. */
  function checkedDmn(xml: string) {
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
    return ids;
  }

  return {
    /** 试算 of draft decisions (decision-trial.service.ts), checked and deployed as a deployment is. */
    trials: createDecisionTrials(db, engine, { checkedDmn, deployToEngine }, progress),
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

    /** The Camunda Forms a version deployed with (what the form editor opens), by the diagram's references. */
    async forms(key: string, who: Caller) {
      const { id } = await this.get(key, who);
      try {
        const deployed = await engine.deployedForms(id);
        return {
          items: deployed.map((f) => ({
            id: f.name.replace(/\.form$/, ''),
            name: f.name,
            schema: JSON.parse(f.content) as Record<string, unknown>,
          })),
        };
      } catch (err) {
        if (err instanceof EngineError || err instanceof EngineUnavailableError) throw engineHttpError(err, 'key');
        throw err;
      }
    },

    /**
     * Deploys a new version: parsed, linted with the project's rules (errors refuse it, naming
     * each element and rule), deployed to the engine, recorded with its element names, audited.
     * Deploying XML the engine already has as the latest version returns that version.
     */
    async deploy(xml: string, forms: UploadedForm[] = []) {
      const check = await checkDiagram(xml);
      if (!check.ok)
        throw new HttpError(400, 'error.badBpmn', [
          { field: 'xml', message: { 'zh-CN': check.parseError, en: check.parseError } },
        ]);
      const [processId, ...others] = check.processIds;
      // A built-in loop keeps the project's conventions; an imported diagram only needs an id Operaton takes.
      const builtIn = !!processId && !!loopOfProcess(processId);
      if (
        !processId ||
        others.length ||
        !(builtIn ? KEBAB : PROCESS_ID).test(processId) ||
        RESERVED_IDS.has(processId)
      )
        throw new HttpError(400, 'error.badProcessId', [
          {
            field: 'xml',
            message: { 'zh-CN': check.processIds.join(', '), en: check.processIds.join(', ') || '(none)' },
          },
        ]);
      // Camunda Modeler's "Executable" unticked: the engine would take the file and deploy nothing.
      if (nonExecutableProcesses(xml).length)
        throw new HttpError(400, 'error.notExecutable', [{ field: processId, message: t('error.notExecutable') }]);
      const convention = (i: LintIssue) => !builtIn && CONVENTIONS.some((rule) => i.rule.endsWith(rule));
      const errors = check.errors.filter((i) => !convention(i));
      if (errors.length) throw new HttpError(400, 'error.lintFailed', errors.map(issueField));
      const warnings = [
        ...check.errors.filter(convention).map((i) => ({ ...i, category: 'warn' as const })),
        ...check.warnings,
        ...(await unmappedGroups(xml)),
      ];

      // With the forms the diagram names: uploaded beside it, else as the latest version deployed
      // them (a form the designer edited stays), else the repository's. One deployment per version.
      const latest = await db.processDefinition.findFirst({
        where: { bpmnProcessId: processId },
        orderBy: { version: 'desc' },
        select: { id: true },
      });
      const definition = await deployToEngine(xml, async () => {
        const deployed = latest ? formsById(await engine.deployedForms(latest.id)) : new Map<string, string>();
        // The starter's variable (camunda:initiator) is the engine's to set, as `initiator` is.
        const starter = startFacts(xml)?.initiator;
        const protectedVariables = new Set([...protectedVariablesOf(processId), ...(starter ? [starter] : [])]);
        const uploaded = checkForms(forms, protectedVariables, deployed, await requiredReads(xml));
        const contents = new Map([
          ...deployed,
          ...uploaded.map((f): [string, string] => [f.id, JSON.stringify(f.schema, null, 2)]),
        ]);
        return deployDiagram(engine, db, `${processId}.bpmn`, xml, undefined, contents);
      });
      return {
        key: definition.id,
        bpmnProcessId: definition.bpmnProcessId,
        version: definition.version,
        deployedAt: definition.deployedAt,
        warnings,
      };
    },

    /** Imported candidate groups and the units that answer for them. */
    async groupMappings() {
      const items = await db.groupMapping.findMany({
        orderBy: { group: 'asc' },
        select: { group: true, orgId: true, org: { select: { name: true } }, updatedAt: true },
      });
      return { items: items.map(({ org, ...m }) => ({ ...m, orgName: org.name })) };
    },

    /** Maps an imported group to a unit (a unit, not retired); the next tasks offered to it reach that unit. */
    async mapGroup(group: string, orgId: string) {
      const org = await db.org.findUnique({ where: { id: orgId } });
      if (!org || org.retiredAt) throw fieldError('orgId', t('error.unknownUnit'));
      const previous = await db.groupMapping.findUnique({ where: { group } });
      if (previous?.orgId === orgId) return { changed: false, group, orgId, orgName: org.name };
      await db.groupMapping.upsert({ where: { group }, create: { group, orgId }, update: { orgId } });
      return { changed: true, group, orgId, orgName: org.name };
    },

    async unmapGroup(group: string) {
      const { count } = await db.groupMapping.deleteMany({ where: { group } });
      if (!count) throw new HttpError(404, 'error.notFound');
    },

    /** Every decision graph with its versions, newest first (decisions are district-wide). */
    async listDecisions() {
      const definitions = await db.decisionDefinition.findMany({
        select: {
          id: true,
          decisionRequirementsId: true,
          decisionIds: true,
          version: true,
          resourceName: true,
          deployedAt: true,
          xml: true,
        },
        orderBy: [{ decisionRequirementsId: 'asc' }, { version: 'desc' }],
      });
      type Version = Omit<(typeof definitions)[number], 'xml'> & { key: string };
      const graphs = new Map<string, { decisionRequirementsId: string; name: string | null; versions: Version[] }>();
      for (const { xml, ...d } of definitions) {
        const id = d.decisionRequirementsId;
        // Named by its newest version (the first read): the name people know it by, not its id.
        const entry = graphs.get(id) ?? { decisionRequirementsId: id, name: decisionGraphName(xml), versions: [] };
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
      const ids = checkedDmn(xml);
      const definition = await deployToEngine(xml, () =>
        deployDecisionFile(engine, db, `${ids.drgId}.dmn`, xml),
      );
      const { id, decisionRequirementsId, decisionIds: decisions, version, deployedAt } = definition;
      return { key: id, decisionRequirementsId, decisionIds: decisions, version, deployedAt };
    },
  };
}

export type ProcessesService = ReturnType<typeof createProcessesService>;

/** The name a DMN file gives its decision graph (`<definitions name="考评权重">`), if any. */
export function decisionGraphName(xml: string) {
  const definitions = /<(?:\w+:)?definitions\b[^>]*>/.exec(xml)?.[0];
  const name = definitions && /\sname="([^"]*)"/.exec(definitions)?.[1];
  return name?.trim() ? name.trim() : null;
}
