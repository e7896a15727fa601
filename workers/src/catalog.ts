/**
 * The designer's worker catalog: one Camunda 7 element template (the Camunda Modeler schema for
 * Camunda Platform) per worker, made from what each `*.worker.ts` declares. Applied to a service
 * task, a template makes it an external task on the worker's topic (fixed), maps every variable
 * the worker reads as an input parameter and every variable it writes back as an output
 * parameter, and names the task. `npm run topics` writes the templates and topics.json; a unit
 * test fails when either committed file differs from what this module makes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROCESSES_DIR, TEMPLATES_FILE } from '../../lib/processes';
import type { WorkerDefinition } from './types';

export const TEMPLATE_SCHEMA =
  'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';

export const TOPICS_FILE = path.resolve(
  __dirname,
  '..',
  '..',
  'lint',
  'bpmnlint-plugin-zhizhi',
  'topics.json',
);

interface Binding {
  type: 'property' | 'camunda:inputParameter' | 'camunda:outputParameter';
  name?: string;
  source?: string;
}

export interface TemplateProperty {
  label?: string;
  description?: string;
  type: 'Hidden' | 'String';
  value: string;
  editable?: boolean;
  binding: Binding;
}

export interface ElementTemplate {
  $schema: string;
  id: string;
  name: string;
  description: string;
  version: number;
  category: { id: string; name: string };
  appliesTo: string[];
  properties: TemplateProperty[];
}

/** Process ids and names from processes/*.bpmn: a topic's category is the process it starts with. */
function processNames(dir = PROCESSES_DIR): Map<string, string> {
  const names = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.bpmn'))) {
    const xml = readFileSync(path.join(dir, file), 'utf8');
    const m = /<bpmn:process id="([^"]+)"(?: name="([^"]*)")?/.exec(xml);
    if (m) names.set(m[1], m[2] || m[1]);
  }
  return names;
}

const lockText = (lock: WorkerDefinition['lockDuration']) =>
  lock === 'WORKER_LOCK_MS'
    ? '锁定时长：WORKER_LOCK_MS（默认 60 秒） Lock: WORKER_LOCK_MS (60 s by default)'
    : `锁定时长 Lock: ${lock / 60_000 >= 1 ? `${lock / 60_000} min` : `${lock / 1000} s`}`;

/** The element template of one worker. */
export function elementTemplate(def: WorkerDefinition, processes = processNames()): ElementTemplate {
  const processId = [...processes.keys()]
    .filter((id) => def.topic.startsWith(`${id}-`))
    .sort((a, b) => b.length - a.length)[0];
  const optional = new Set(def.optionalReads ?? []);
  return {
    $schema: TEMPLATE_SCHEMA,
    id: `zhizhi.${def.topic}`,
    name: def.name.zh,
    description: `${def.description.zh}\n${def.name.en}: ${def.description.en}\n${lockText(def.lockDuration)}`,
    version: 1,
    category: processId
      ? { id: `zhizhi.${processId}`, name: `${processes.get(processId)} ${processId}` }
      : { id: 'zhizhi.shared', name: '共用 shared' },
    appliesTo: ['bpmn:ServiceTask'],
    properties: [
      {
        label: '名称 Name',
        type: 'String',
        value: def.name.zh,
        binding: { type: 'property', name: 'name' },
      },
      { type: 'Hidden', value: 'external', binding: { type: 'property', name: 'camunda:type' } },
      {
        label: '主题 Topic',
        type: 'String',
        value: def.topic,
        editable: false,
        binding: { type: 'property', name: 'camunda:topic' },
      },
      ...def.reads.map((name): TemplateProperty => ({
        label: `读取 Reads: ${name}`,
        description: optional.has(name) ? '可以没有（为空） May be absent (null)' : undefined,
        type: 'String',
        // A missing variable fails `${name}` (an incident); an optional one reads as null.
        value: optional.has(name) ? `\${execution.getVariable('${name}')}` : `\${${name}}`,
        binding: { type: 'camunda:inputParameter', name },
      })),
      // Evaluated in the task's scope, where the worker's completion (and an input of the same
      // name) lives, and set on the process: a variable read and written goes back out.
      ...def.writes.map((name): TemplateProperty => ({
        label: `写入 Writes: ${name}`,
        type: 'String',
        value: name,
        binding: { type: 'camunda:outputParameter', source: `\${${name}}` },
      })),
    ],
  };
}

/** Every worker's template, by topic. */
export const elementTemplates = (defs: WorkerDefinition[]) =>
  [...defs].sort((a, b) => (a.topic < b.topic ? -1 : 1)).map((d) => elementTemplate(d));

/** The two generated files' contents, exactly as `npm run topics` writes them. */
export function generatedFiles(defs: WorkerDefinition[]): Record<string, string> {
  const topics = [...new Set(defs.map((d) => d.topic))].sort();
  return {
    [TOPICS_FILE]: JSON.stringify(topics, null, 2) + '\n',
    [TEMPLATES_FILE]: JSON.stringify(elementTemplates(defs), null, 2) + '\n',
  };
}
