import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { checkDiagram } from '../../../api/src/modules/processes/bpmn-lint';
import { elementTemplates, generatedFiles, TEMPLATE_SCHEMA } from '../catalog';
import { findWorkers, LOOPS_DIR } from '../registry';
import type { WorkerDefinition } from '../types';
import type { ElementTemplate } from '../catalog';

const SRC = LOOPS_DIR;
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.worker.ts') && !f.includes('__tests__'))
  .sort();

const loadWorker = (file: string) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(path.join(SRC, file)) as { default: WorkerDefinition }).default;

/** The header comment's paragraph after `label:`, up to the next `Reads:`/`Writes:`/`Errors:`. */
function section(header: string, label: 'Reads' | 'Writes') {
  const m = new RegExp(`\\b${label}:([\\s\\S]*?)(?=\\b(?:Reads|Writes|Errors):|$)`).exec(header);
  return m?.[1];
}

/**
 * The variables a `Reads:`/`Writes:` line names: the list before the first `.`, `;` or `:` once
 * remarks in parentheses are left out, separated by commas, `/` or "and"; "no variables" or
 * "none" for none.
 */
function namedVariables(text: string): string[] {
  let s = text.replace(/\s+/g, ' ');
  while (/\([^()]*\)/.test(s)) s = s.replace(/\([^()]*\)/g, '');
  const list = s.split(/[.;:]/)[0].trim();
  if (/^(no variables|none)$/i.test(list)) return [];
  return list
    .split(/,|\/|\band\b/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * The official validator (the Camunda element-templates JSON schema) on `templates`; it and its
 * dependencies are ES modules, which Jest here cannot load, so it runs in a node of its own.
 */
function validate(templates: unknown[]): { valid: boolean; errors: unknown[] } {
  const script = `
    import { validateAll } from '@bpmn-io/element-templates-validator';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const { valid, results } = validateAll(JSON.parse(input));
    console.log(JSON.stringify({ valid, errors: results.flatMap((r) => r.errors ?? []) }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: path.resolve(SRC, '..'),
    input: JSON.stringify(templates),
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** A process start → service task → end whose task carries what the template sets, as bpmn-js writes it. */
function appliedDiagram(t: ElementTemplate) {
  const prop = (name: string) => t.properties.find((p) => p.binding.name === name)!.value;
  const io = t.properties.flatMap((p) =>
    p.binding.type === 'camunda:inputParameter'
      ? [`<camunda:inputParameter name="${p.binding.name}">${xmlText(p.value)}</camunda:inputParameter>`]
      : p.binding.type === 'camunda:outputParameter'
        ? [
            `<camunda:outputParameter name="${p.value}">${xmlText(p.binding.source!)}</camunda:outputParameter>`,
          ]
        : [],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="defs" targetNamespace="http://zhizhi.example/bpmn">
  <bpmn:process id="catalog-test" name="目录测试" isExecutable="true" camunda:historyTimeToLive="180">
    <bpmn:startEvent id="start" name="开始"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="step" name="${xmlText(prop('name'))}" camunda:type="external"
      camunda:topic="${prop('camunda:topic')}" camunda:modelerTemplate="${t.id}" camunda:modelerTemplateVersion="${t.version}">
      <bpmn:extensionElements><camunda:inputOutput>${io.join('')}</camunda:inputOutput></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end" name="结束"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="step" />
    <bpmn:sequenceFlow id="f2" sourceRef="step" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="catalog-test">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="0" y="20" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="step_di" bpmnElement="step"><dc:Bounds x="100" y="0" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="260" y="20" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="36" y="38" /><di:waypoint x="100" y="38" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="200" y="38" /><di:waypoint x="260" y="38" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

const IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;

describe('the worker catalog', () => {
  it('finds every worker file', () => {
    expect(files.length).toBe(findWorkers().length);
    expect(files.length).toBeGreaterThan(0);
  });

  describe.each(files)('%s', (file) => {
    const source = readFileSync(path.join(SRC, file), 'utf8');
    const def = loadWorker(file);
    const header = /^\/\*\*([\s\S]*?)\*\//.exec(source)?.[1].replace(/^\s*\* ?/gm, '') ?? '';

    it('opens with a header comment naming the BPMN element, reads, writes and errors', () => {
      for (const label of ['BPMN element:', 'Reads:', 'Writes:', 'Errors:']) expect(header).toContain(label);
    });

    it('declares the variables its header names under Reads: and Writes:', () => {
      const reads = namedVariables(section(header, 'Reads') ?? '');
      const writes = namedVariables(section(header, 'Writes') ?? '');
      for (const v of [...reads, ...writes]) expect(v).toMatch(IDENTIFIER);
      expect([...def.reads].sort()).toEqual(reads.sort());
      expect([...def.writes].sort()).toEqual(writes.sort());
      expect(new Set(def.reads).size).toBe(def.reads.length);
      expect(new Set(def.writes).size).toBe(def.writes.length);
      for (const v of def.optionalReads ?? []) expect(def.reads).toContain(v);
    });

    it('has a Chinese name and description, then English, and a lock duration', () => {
      expect(def.name.zh).toMatch(/\p{Script=Han}/u);
      expect(def.description.zh).toMatch(/\p{Script=Han}/u);
      expect(def.name.en).toMatch(/^[A-Z]/);
      expect(def.description.en).toMatch(/^[A-Z].*\.$/);
      if (def.lockDuration !== 'WORKER_LOCK_MS') expect(def.lockDuration).toBeGreaterThanOrEqual(1000);
    });
  });

  it('makes one Camunda 7 element template per worker that the official schema accepts', () => {
    const templates = elementTemplates(findWorkers());
    expect(validate(templates)).toEqual({ valid: true, errors: [] });
    // The validator does reject a template that breaks the schema.
    expect(validate([{ ...templates[0], appliesTo: 'bpmn:ServiceTask' }]).valid).toBe(false);
    expect(templates.map((t) => t.id)).toEqual(
      findWorkers()
        .map((w) => `zhizhi.${w.topic}`)
        .sort(),
    );
    const assign = templates.find((t) => t.id === 'zhizhi.event-handling-assign')!;
    expect(assign).toMatchObject({
      $schema: TEMPLATE_SCHEMA,
      name: '确定承办单位与时限',
      appliesTo: ['bpmn:ServiceTask'],
      category: { id: 'zhizhi.event-handling', name: '网格事件处置 event-handling' },
    });
    const byBinding = (type: string) => assign.properties.filter((p) => p.binding.type === type);
    expect(byBinding('property')).toEqual(
      expect.arrayContaining([
        { type: 'Hidden', value: 'external', binding: { type: 'property', name: 'camunda:type' } },
        expect.objectContaining({
          value: 'event-handling-assign',
          editable: false,
          binding: { type: 'property', name: 'camunda:topic' },
        }),
      ]),
    );
    expect(byBinding('camunda:inputParameter')).toContainEqual(
      expect.objectContaining({
        value: '${eventId}',
        binding: { type: 'camunda:inputParameter', name: 'eventId' },
      }),
    );
    // An optional read is null when absent, not an incident.
    expect(byBinding('camunda:inputParameter')).toContainEqual(
      expect.objectContaining({ value: "${execution.getVariable('handlerOverride')}" }),
    );
    expect(byBinding('camunda:outputParameter').map((p) => [p.value, p.binding.source])).toEqual([
      ['handlerUnitId', '${handlerUnitId}'],
      ['supervisorUnitId', '${supervisorUnitId}'],
      ['handleDueAt', '${handleDueAt}'],
      ['handleRedAt', '${handleRedAt}'],
      ['handlerOverride', '${handlerOverride}'],
    ]);
  });

  it.each(elementTemplates(findWorkers()).map((t) => [t.id, t]))(
    'a service task made from %s lints clean with the project rules',
    async (_id, template) => {
      const result = await checkDiagram(appliedDiagram(template as ElementTemplate));
      expect(result).toEqual(expect.objectContaining({ ok: true, errors: [], warnings: [] }));
    },
  );

  it.each(
    Object.entries(generatedFiles(findWorkers())).map(([file, content]) => [
      path.basename(file),
      file,
      content,
    ]),
  )('the committed %s is what `npm run topics` writes', (_name, file, content) => {
    expect(readFileSync(file, 'utf8')).toBe(content);
  });
});
