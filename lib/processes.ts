import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Db } from './db';
import type { ZeebeClient } from './camunda';

/** A process version as the engine reports it in a deployment. */
export interface DeployedProcess {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string | number;
  resourceName: string;
}

interface DeployedForm {
  formId: string;
  version: number;
  formKey: string;
  resourceName: string;
}

export const PROCESSES_DIR = path.resolve(__dirname, '..', 'processes');

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

/** The ids of the processes a BPMN file defines. */
export function processIds(xml: string): string[] {
  const { definitions } = xmlParser.parse(xml) as { definitions?: { process?: unknown } };
  const processes = [definitions?.process ?? []].flat() as { id?: unknown }[];
  return processes.flatMap((p) => (typeof p.id === 'string' ? [p.id] : []));
}

/** A decision requirements graph as the engine reports it in a deployment. */
export interface DeployedDecisionRequirements {
  dmnDecisionRequirementsId: string;
  version: number;
  decisionRequirementsKey: string | number;
  resourceName: string;
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

/** Records a deployed decision requirements graph with its XML (idempotent by key). */
export async function recordDecision(db: Db, d: DeployedDecisionRequirements, xml: string) {
  return db.decisionDefinition.upsert({
    where: { key: String(d.decisionRequirementsKey) },
    create: {
      key: String(d.decisionRequirementsKey),
      decisionRequirementsId: d.dmnDecisionRequirementsId,
      version: d.version,
      resourceName: path.basename(d.resourceName),
      decisionIds: decisionIds(xml).decisions,
      xml,
    },
    update: {},
  });
}

/** Records a deployed process version with its XML and element names (idempotent by key). */
export async function recordProcess(db: Db, p: DeployedProcess, xml: string) {
  return db.processDefinition.upsert({
    where: { key: String(p.processDefinitionKey) },
    create: {
      key: String(p.processDefinitionKey),
      bpmnProcessId: p.bpmnProcessId,
      version: p.version,
      resourceName: path.basename(p.resourceName),
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
    !!(await db.processDefinition.findFirst({ where: { bpmnProcessId, xml }, select: { key: true } })),
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
      select: { key: true },
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
 * Deploy every diagram, decision and form in `processes/` in one deployment. The engine
 * keeps the version of an unchanged resource, so this is safe at every start; a diagram the
 * designer has deployed past is left out (see `staleFile`). Each deployed process version is
 * recorded with its XML and element names, each decision graph with its XML, each form
 * version with its schema.
 */
export async function deployProcesses(zeebe: ZeebeClient, db: Db, dir = PROCESSES_DIR) {
  const files = (await readdir(dir)).filter((f) => /\.(bpmn|dmn|form)$/.test(f)).sort();
  const resources = [];
  const kept: { file: string; id: string; latestVersion: number }[] = [];
  // Each diagram's XML, read once: for the stale check and for recording what was deployed.
  const xmlOf = new Map<string, string>();
  for (const f of files) {
    const file = path.join(dir, f);
    if (f.endsWith('.form')) {
      resources.push({ formFilename: file });
      continue;
    }
    const xml = await readFile(file, 'utf8');
    xmlOf.set(f, xml);
    const stale = f.endsWith('.bpmn')
      ? await staleFile(processVersions(db), processIds(xml), xml)
      : await staleFile(decisionVersions(db), [decisionIds(xml).drgId ?? ''], xml);
    if (stale) kept.push({ file: f, ...stale });
    else resources.push(f.endsWith('.bpmn') ? { processFilename: file } : { decisionFilename: file });
  }
  const response = await zeebe.deployResources(resources);
  const processes = response.deployments.flatMap((d) => {
    const { process } = d as { process?: DeployedProcess };
    return process ? [process] : [];
  });
  for (const p of processes) await recordProcess(db, p, xmlOf.get(path.basename(p.resourceName))!);
  for (const d of response.deployments) {
    const { decisionRequirements } = d as { decisionRequirements?: DeployedDecisionRequirements };
    if (decisionRequirements)
      await recordDecision(
        db,
        decisionRequirements,
        xmlOf.get(path.basename(decisionRequirements.resourceName))!,
      );
  }
  for (const d of response.deployments) {
    const { form } = d as { form?: DeployedForm };
    if (!form) continue;
    const schema = JSON.parse(await readFile(path.resolve(dir, form.resourceName), 'utf8'));
    await db.formDefinition.upsert({
      where: { key: String(form.formKey) },
      create: { key: String(form.formKey), formId: form.formId, version: form.version, schema },
      update: {},
    });
  }
  return {
    deployed: processes.map((p) => ({
      bpmnProcessId: p.bpmnProcessId,
      version: p.version,
      key: String(p.processDefinitionKey),
    })),
    kept,
  };
}
