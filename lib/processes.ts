import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Db } from './db';
import { EngineError, type ProcessEngine } from './engine/process-engine';

/** A process version as the engine reports it. */
export interface DeployedProcess {
  id: string;
  key: string;
  version: number;
  resource: string;
}

/** A decision table version as the engine reports it, with its DMN `definitions` id. */
export interface DeployedDecision {
  id: string;
  key: string;
  version: number;
  resource: string;
  decisionRequirementsId: string;
}

export const PROCESSES_DIR = path.resolve(__dirname, '..', 'processes');
/** The workers' element templates (written by the workers' catalog), beside the diagrams, where the desktop Camunda Modeler looks too. */
export const TEMPLATES_FILE = path.join(
  PROCESSES_DIR,
  '.camunda',
  'element-templates',
  'zhizhi-workers.json',
);

const xmlParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true });

/** Element id → name of every named element of a diagram (names are what users read). */
export function elementNames(xml: string): Record<string, string> {
  const names: Record<string, string> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const { id, name } = node as { id?: unknown; name?: unknown };
    if (typeof id === 'string' && typeof name === 'string') names[id] = name;
    Object.values(node).forEach(visit);
  };
  visit(xmlParser.parse(xml));
  return names;
}

export interface SequenceFlow {
  id: string;
  sourceRef: string;
  targetRef: string;
}

/**
 * The sequence flows of a diagram's processes, the ids of its gateways, and each boundary
 * event's host, for marking the path a case took.
 */
export function diagramGraph(xml: string): {
  flows: SequenceFlow[];
  gateways: Set<string>;
  boundaryHosts: Map<string, string>;
} {
  const flows: SequenceFlow[] = [];
  const gateways = new Set<string>();
  const boundaryHosts = new Map<string, string>();
  const asList = (v: unknown): Record<string, string>[] =>
    v === undefined ? [] : ((Array.isArray(v) ? v : [v]) as Record<string, string>[]);
  const definitions = (xmlParser.parse(xml) as { definitions?: Record<string, unknown> }).definitions ?? {};
  for (const process of asList(definitions.process) as unknown as Record<string, unknown>[]) {
    for (const f of asList(process.sequenceFlow)) {
      flows.push({ id: f.id, sourceRef: f.sourceRef, targetRef: f.targetRef });
    }
    for (const b of asList(process.boundaryEvent)) boundaryHosts.set(b.id, b.attachedToRef);
    for (const [tag, value] of Object.entries(process)) {
      if (tag.endsWith('Gateway')) asList(value).forEach((g) => gateways.add(g.id));
    }
  }
  return { flows, gateways, boundaryHosts };
}

/** The processes a BPMN file marks `isExecutable="false"` (the engine takes the file and deploys no version of them). */
export function nonExecutableProcesses(xml: string): string[] {
  const { definitions } = xmlParser.parse(xml) as { definitions?: { process?: unknown } };
  const processes = [definitions?.process ?? []].flat() as { id?: unknown; isExecutable?: unknown }[];
  return processes.flatMap((p) => (p.isExecutable === 'false' && typeof p.id === 'string' ? [p.id] : []));
}

/** The ids of the processes a BPMN file defines. */
export function processIds(xml: string): string[] {
  const { definitions } = xmlParser.parse(xml) as { definitions?: { process?: unknown } };
  const processes = [definitions?.process ?? []].flat() as { id?: unknown }[];
  return processes.flatMap((p) => (typeof p.id === 'string' ? [p.id] : []));
}

/** How a process is started by hand: its name, who may start it, its start form, and the variable naming who started it. */
export interface StartFacts {
  processId: string;
  name: string | null;
  /** camunda:candidateStarterGroups / Users; both empty: every case worker may start it. */
  starterGroups: string[];
  starterUsers: string[];
  /** The none start event's Camunda Form: its camunda:formRef, or a camunda:formKey naming one. */
  startFormRef: string | null;
  /** camunda:initiator: the variable the engine sets to who started the instance. */
  initiator: string | null;
  /** Whether it has a none start event at all (message and timer starts are not started by hand). */
  startable: boolean;
}

/** A camunda:formKey that names a Camunda Form (`camunda-forms:deployment:x.form`), not an embedded HTML form. */
const CAMUNDA_FORM_KEY = /^(camunda|operaton)-forms:.+/;

const listOf = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** The start facts of a diagram's (first) process. */
export function startFacts(xml: string): StartFacts | null {
  const { definitions } = xmlParser.parse(xml) as { definitions?: { process?: unknown } };
  const process = ([definitions?.process ?? []].flat() as Record<string, unknown>[])[0];
  if (!process || typeof process.id !== 'string') return null;
  const events = [process.startEvent ?? []].flat() as Record<string, unknown>[];
  const timerOrMessage = /EventDefinition$/;
  const plain = events.find((e) => !Object.keys(e).some((k) => timerOrMessage.test(k)));
  const attr = (o: Record<string, unknown> | undefined, name: string) =>
    typeof o?.[name] === 'string' ? (o[name] as string) : undefined;
  return {
    processId: process.id,
    name: attr(process, 'name') ?? null,
    starterGroups: listOf(attr(process, 'candidateStarterGroups')),
    starterUsers: listOf(attr(process, 'candidateStarterUsers')),
    startFormRef: attr(plain, 'formRef') ?? attr(plain, 'formKey')?.match(CAMUNDA_FORM_KEY)?.[0] ?? null,
    initiator: attr(plain, 'initiator') ?? null,
    startable: !!plain,
  };
}

/** The id of a DMN file's decision requirements graph (its `definitions`) and its decisions' ids. */
export function decisionIds(xml: string): { drgId?: string; decisions: string[] } {
  const { definitions } = xmlParser.parse(xml) as { definitions?: { id?: unknown; decision?: unknown } };
  const decisions = [definitions?.decision ?? []].flat() as { id?: unknown }[];
  return {
    drgId: typeof definitions?.id === 'string' ? definitions.id : undefined,
    decisions: decisions.flatMap((d) => (typeof d.id === 'string' ? [d.id] : [])),
  };
}

/** Records a deployed decision table version with its XML (idempotent by id). */
export async function recordDecision(db: Db, d: DeployedDecision, xml: string) {
  return db.decisionDefinition.upsert({
    where: { id: d.id },
    create: {
      id: d.id,
      decisionRequirementsId: d.decisionRequirementsId,
      version: d.version,
      resourceName: path.basename(d.resource),
      decisionIds: decisionIds(xml).decisions,
      xml,
    },
    update: {},
  });
}

/** Records a deployed process version with its XML and element names (idempotent by id). */
export async function recordProcess(db: Db, p: DeployedProcess, xml: string) {
  return db.processDefinition.upsert({
    where: { id: p.id },
    create: {
      id: p.id,
      bpmnProcessId: p.key,
      version: p.version,
      resourceName: path.basename(p.resource),
      elementNames: elementNames(xml),
      xml,
    },
    update: { xml },
  });
}

/** The latest recorded version of a resource id, and whether some recorded version has this XML. */
interface RecordedVersions {
  latest(id: string): Promise<{ version: number; xml: string | null } | null>;
  has(id: string, xml: string): Promise<boolean>;
}

const processVersions = (db: Db): RecordedVersions => ({
  latest: (bpmnProcessId) =>
    db.processDefinition.findFirst({
      where: { bpmnProcessId },
      orderBy: { version: 'desc' },
      select: { version: true, xml: true },
    }),
  has: async (bpmnProcessId, xml) =>
    !!(await db.processDefinition.findFirst({ where: { bpmnProcessId, xml }, select: { id: true } })),
});

const decisionVersions = (db: Db): RecordedVersions => ({
  latest: (decisionRequirementsId) =>
    db.decisionDefinition.findFirst({
      where: { decisionRequirementsId },
      orderBy: { version: 'desc' },
      select: { version: true, xml: true },
    }),
  has: async (decisionRequirementsId, xml) =>
    !!(await db.decisionDefinition.findFirst({
      where: { decisionRequirementsId, xml },
      select: { id: true },
    })),
});

/**
 * A file is stale when its exact content is an older recorded version of its process (or
 * decision graph) and a different version is the latest: someone (the designer) deployed past
 * it, and deploying the file again would silently make the old version the newest. A file
 * whose content is new is a deliberate change and is deployed.
 */
async function staleFile(versions: RecordedVersions, ids: string[], xml: string) {
  for (const id of ids) {
    const latest = await versions.latest(id);
    if (!latest || latest.xml === xml) continue;
    if (await versions.has(id, xml)) return { id, latestVersion: latest.version };
  }
  return undefined;
}

/**
 * The elements of a diagram at which `text` occurs (an attribute's value, an expression): for each
 * occurrence, the last element with an id that starts before it — the element itself, or the one
 * that holds it (a sequence flow holds its condition).
 */
export function elementsAt(xml: string, text: string): string[] {
  const ids: string[] = [];
  for (let at = xml.indexOf(text); text && at >= 0; at = xml.indexOf(text, at + text.length)) {
    const id = [...xml.slice(0, at).matchAll(/<[\w:-]+\s[^>]*?\bid="([^"]+)"/g)].pop()?.[1];
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

const PLAIN_FILE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const missing = () => Object.assign(new Error('not a plain file name'), { code: 'ENOENT' });

/**
 * The Camunda Forms a diagram deploys with it: by `camunda:formRef` (the form's id, `<id>.form`) or
 * by a `camunda:formKey` naming a resource of its deployment (`camunda-forms:deployment:x.form`,
 * as Camunda Modeler writes it for Camunda 7.15–7.16; Operaton reads it as it reads `operaton-forms:`).
 */
export function formResources(xml: string): { name: string; id: string; attribute: string }[] {
  const byRef = [...xml.matchAll(/camunda:formRef="([^"$]+)"/g)].map((m) => ({
    name: `${m[1]}.form`,
    id: m[1],
    attribute: m[0],
  }));
  const byKey = [...xml.matchAll(/camunda:formKey="(?:camunda|operaton)-forms:deployment:([^"$]+)"/g)].map(
    (m) => ({
      name: m[1],
      id: m[1].replace(/\.form$/, ''),
      attribute: m[0],
    }),
  );
  return [...new Map([...byRef, ...byKey].map((f) => [f.name, f])).values()];
}

/**
 * The user tasks whose form is the one deployed with the diagram (`camunda:formRefBinding=
 * "deployment"`, or a `camunda:formKey` naming a resource of the deployment): their form never
 * changes for that version, so it may be kept; `latest` and `version` bindings follow later
 * deployments and may not.
 */
export function deploymentBoundForms(xml: string): Set<string> {
  const bound = new Set<string>();
  for (const [, attributes] of xml.matchAll(/<(?:[\w-]+:)?userTask\b([^>]*)>/g)) {
    const id = attributes.match(/\sid="([^"]+)"/)?.[1];
    if (
      id &&
      (/camunda:formRefBinding="deployment"/.test(attributes) ||
        /camunda:formKey="(?:camunda|operaton)-forms:deployment:/.test(attributes))
    )
      bound.add(id);
  }
  return bound;
}

/**
 * Deploys one diagram with the forms it names, in one deployment (duplicate filtering on:
 * unchanged resources keep their version), and records the version that is now the latest. A
 * form uploaded with the diagram (the designer's form editor, a Camunda Modeler export) is
 * deployed as uploaded; the others are read from `dir`.
 */
export async function deployDiagram(
  engine: ProcessEngine,
  db: Db,
  file: string,
  xml: string,
  dir = PROCESSES_DIR,
  uploaded: ReadonlyMap<string, string> = new Map(),
) {
  const named = formResources(xml);
  const contents = await Promise.all(
    named.map(
      async ({ name, id }) =>
        uploaded.get(id) ??
        // Only a plain file name is looked up in `dir`: a diagram naming `../…` reads nothing outside it.
        (await (
          PLAIN_FILE.test(name) ? readFile(path.join(dir, name), 'utf8') : Promise.reject(missing())
        ).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT') throw err;
          return null;
        })),
    ),
  );
  // The engine would take the diagram and fail only when someone opens the step: every missing form is named.
  const absent = named.filter((_, i) => contents[i] === null);
  if (absent.length) {
    const problems = absent.flatMap(({ name, id, attribute }) => {
      const message = `表单 ${id} 不在部署中（无 ${name}）/ form ${id} is not in the deployment (no ${name})`;
      return elementsAt(xml, attribute).map((elementId) => ({ elementId, message }));
    });
    throw new EngineError(400, 'FormNotFound', problems.map((p) => p.message).join('; '), problems);
  }
  const forms = named.map(({ name }, i) => ({ name, content: contents[i]! }));
  const [processId] = processIds(xml);
  const deployment = await engine.deploy(processId, [{ name: file, content: xml }, ...forms]);
  const fresh = Object.values(deployment.deployedProcessDefinitions ?? {})[0];
  const latest = fresh ?? (await engine.processDefinitions({ key: processId, latestVersion: true }))[0];
  if (!latest?.id) throw new Error(`the engine reports no version of ${processId} after deploying ${file}`);
  const definition = {
    id: latest.id,
    key: latest.key!,
    version: latest.version!,
    resource: latest.resource ?? file,
  };
  // The engine's copy is the truth: an unchanged file may differ from what the designer deployed.
  const deployedXml = fresh ? xml : await engine.processDefinitionXml(latest.id);
  return recordProcess(db, definition, deployedXml);
}

/** Deploys one decision file on its own and records the version of its first decision that is now the latest. */
export async function deployDecisionFile(engine: ProcessEngine, db: Db, file: string, xml: string) {
  const { drgId, decisions } = decisionIds(xml);
  const deployment = await engine.deploy(drgId ?? file, [{ name: file, content: xml }]);
  const fresh = Object.values(deployment.deployedDecisionDefinitions ?? {}).find(
    (d) => d.key === decisions[0],
  );
  const latest = fresh ?? (await engine.decisionDefinitions({ key: decisions[0], latestVersion: true }))[0];
  if (!latest?.id)
    throw new Error(`the engine reports no version of ${decisions[0]} after deploying ${file}`);
  return recordDecision(
    db,
    {
      id: latest.id,
      key: latest.key!,
      version: latest.version!,
      resource: latest.resource ?? file,
      decisionRequirementsId: drgId ?? latest.key!,
    },
    xml,
  );
}

/**
 * Deploys every diagram (with its forms) and every decision in `processes/`. The engine keeps
 * the version of an unchanged resource, so this is safe at every start; a file the designer
 * has deployed past is left out (see `staleFile`).
 */
export async function deployProcesses(engine: ProcessEngine, db: Db, dir = PROCESSES_DIR) {
  const files = (await readdir(dir)).filter((f) => /\.(bpmn|dmn)$/.test(f)).sort();
  const deployed = [];
  const kept: { file: string; id: string; latestVersion: number }[] = [];
  // Decisions first: a diagram's business rule tasks evaluate them.
  for (const f of [...files.filter((f) => f.endsWith('.dmn')), ...files.filter((f) => f.endsWith('.bpmn'))]) {
    const xml = await readFile(path.join(dir, f), 'utf8');
    const isBpmn = f.endsWith('.bpmn');
    const stale = isBpmn
      ? await staleFile(processVersions(db), processIds(xml), xml)
      : await staleFile(decisionVersions(db), [decisionIds(xml).drgId ?? ''], xml);
    if (stale) {
      kept.push({ file: f, ...stale });
      continue;
    }
    if (isBpmn) {
      const d = await deployDiagram(engine, db, f, xml, dir);
      deployed.push({ bpmnProcessId: d.bpmnProcessId, version: d.version, id: d.id });
    } else await deployDecisionFile(engine, db, f, xml);
  }
  return { deployed, kept };
}
