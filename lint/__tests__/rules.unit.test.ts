/**
 * Zhizhi's bpmnlint rules (lint/bpmnlint-plugin-zhizhi) through the project's `.bpmnlintrc`, the
 * same Linter run the API does before a deployment (bpmnlint in a worker thread: its dependencies
 * are ES modules Jest cannot require). Each rule rejects a small bad diagram and accepts the
 * fixed one; the real diagrams in processes/ lint clean.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkDiagram, type LintIssue } from '../../api/src/modules/processes/bpmn-lint';
import topics from '../bpmnlint-plugin-zhizhi/topics.json';

const PROCESSES = path.join(__dirname, '..', '..', 'processes');

/** A one-element process: start → element → end, with the Camunda 7 namespace and a TTL. */
const diagram = (element: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://zhizhi.example/bpmn">
  ${extra}
  <bpmn:process id="rule-test" name="规则测试" isExecutable="true" camunda:historyTimeToLive="180">
    <bpmn:startEvent id="start" name="开始"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    ${element}
    <bpmn:endEvent id="end" name="结束"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="subject" />
    <bpmn:sequenceFlow id="f2" sourceRef="subject" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const flows = '<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>';
const serviceTask = (attrs: string) =>
  diagram(`<bpmn:serviceTask id="subject" name="任务" ${attrs}>${flows}</bpmn:serviceTask>`);
const userTask = (attrs: string, body = '') =>
  diagram(`<bpmn:userTask id="subject" name="任务" ${attrs}>${body}${flows}</bpmn:userTask>`);
const timer = (definition: string) =>
  diagram(
    `<bpmn:intermediateCatchEvent id="subject" name="等待">${flows}
      <bpmn:timerEventDefinition id="subject-timer">${definition}</bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>`,
  );

/** The errors of one of our rules, as element id and message. */
async function errorsOf(rule: string, xml: string): Promise<LintIssue[]> {
  const result = await checkDiagram(xml);
  if (!result.ok) throw new Error(result.parseError);
  return result.errors.filter((e) => e.rule === `zhizhi/${rule}`);
}

describe('zhizhi/external-task-topic', () => {
  const rule = 'external-task-topic';

  it('rejects an external task without a topic', async () => {
    const errors = await errorsOf(rule, serviceTask('camunda:type="external"'));
    expect(errors).toEqual([expect.objectContaining({ elementId: 'subject', category: 'error' })]);
    expect(errors[0].message).toMatch(/缺少主题.*no topic/);
  });

  it('rejects a topic that no worker serves', async () => {
    const errors = await errorsOf(
      rule,
      serviceTask('camunda:type="external" camunda:topic="event-handling-nobody"'),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        elementId: 'subject',
        message: expect.stringContaining('"event-handling-nobody"'),
      }),
    ]);
  });

  it('rejects a service task that is not external, and a message end event without a topic', async () => {
    expect(await errorsOf(rule, serviceTask('camunda:class="zhizhi.Delegate"'))).toHaveLength(1);
    expect(await errorsOf(rule, serviceTask(''))).toHaveLength(1);
    const messageEnd = diagram(
      `<bpmn:task id="subject" name="任务">${flows}</bpmn:task>` +
        `<bpmn:endEvent id="notify" name="通知"><bpmn:messageEventDefinition id="notify-message" camunda:type="external" /></bpmn:endEvent>`,
    );
    expect(await errorsOf(rule, messageEnd)).toEqual([expect.objectContaining({ elementId: 'notify' })]);
  });

  it('accepts an external task on a topic a worker serves', async () => {
    expect(
      await errorsOf(rule, serviceTask('camunda:type="external" camunda:topic="event-handling-assign"')),
    ).toEqual([]);
  });
});

describe('zhizhi/user-task-assignment', () => {
  const rule = 'user-task-assignment';

  it('rejects a user task without candidate groups and without a form', async () => {
    const errors = await errorsOf(rule, userTask(''));
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/候选组.*candidate groups/),
      expect.stringMatching(/表单.*no form/),
    ]);
  });

  it('rejects a form-less user task whose documentation gives no reason', async () => {
    const errors = await errorsOf(
      rule,
      userTask('camunda:candidateGroups="unit:${gridId}"', '<bpmn:documentation>无表单</bpmn:documentation>'),
    );
    expect(errors).toHaveLength(1);
  });

  it('accepts candidate groups with a formRef, or an assignee with a documented reason for no form', async () => {
    expect(
      await errorsOf(
        rule,
        userTask(
          'camunda:candidateGroups="unit:${gridId}" camunda:formRef="event-handling-verify" camunda:formRefBinding="deployment"',
        ),
      ),
    ).toEqual([]);
    expect(
      await errorsOf(
        rule,
        userTask(
          'camunda:assignee="${initiator}"',
          '<bpmn:documentation>无表单: 只需确认</bpmn:documentation>',
        ),
      ),
    ).toEqual([]);
    expect(
      await errorsOf(
        rule,
        userTask(
          'camunda:candidateGroups="unit:x"',
          '<bpmn:documentation>No form: confirm only</bpmn:documentation>',
        ),
      ),
    ).toEqual([]);
  });
});

describe('zhizhi/timer-from-variable', () => {
  const rule = 'timer-from-variable';
  const formal = (tag: string, body: string) =>
    `<bpmn:${tag} xsi:type="bpmn:tFormalExpression">${body}</bpmn:${tag}>`;

  it('rejects literal dates, durations and cycles, and a timer without a value', async () => {
    for (const definition of [
      formal('timeDate', '2026-12-31T00:00:00Z'),
      formal('timeDuration', 'P5D'),
      formal('timeCycle', '0 0 1 1 * ?'),
      formal('timeDuration', '${a} + P1D'),
      '',
    ]) {
      expect(await errorsOf(rule, timer(definition))).toEqual([
        expect.objectContaining({ elementId: 'subject' }),
      ]);
    }
  });

  it('accepts a variable or configuration expression', async () => {
    expect(await errorsOf(rule, timer(formal('timeDate', '${handleRedAt}')))).toEqual([]);
    expect(await errorsOf(rule, timer(formal('timeCycle', '${zhizhiSchedule.assessmentCycle}')))).toEqual([]);
  });
});

describe('zhizhi/end-event-required', () => {
  const rule = 'end-event-required';
  /** A cycle with no end on its main path, and an event sub-process given as `sub`. */
  const cycle = (sub: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://zhizhi.example/bpmn">
  <bpmn:message id="stop-message" name="stop" />
  <bpmn:process id="subject" name="周期" isExecutable="true" camunda:historyTimeToLive="180">
    <bpmn:startEvent id="start" name="开始"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="again" name="再来" camunda:candidateGroups="role:STAFF">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="again" />
    <bpmn:sequenceFlow id="f2" sourceRef="again" targetRef="again" />
    ${sub}
  </bpmn:process>
</bpmn:definitions>`;
  const eventSub = (interrupting: boolean) => `
    <bpmn:subProcess id="stop" name="结束周期" triggeredByEvent="true">
      <bpmn:startEvent id="stopped" name="收到" isInterrupting="${interrupting}">
        <bpmn:outgoing>f3</bpmn:outgoing>
        <bpmn:messageEventDefinition id="stopped-message" messageRef="stop-message" />
      </bpmn:startEvent>
      <bpmn:endEvent id="end" name="结束"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="f3" sourceRef="stopped" targetRef="end" />
    </bpmn:subProcess>`;

  it('rejects a process that never ends, or only pauses in a non-interrupting event sub-process', async () => {
    expect(await errorsOf(rule, cycle(''))).toEqual([expect.objectContaining({ elementId: 'subject' })]);
    expect(await errorsOf(rule, cycle(eventSub(false)))).toEqual([
      expect.objectContaining({ elementId: 'subject' }),
    ]);
  });

  it('accepts a process ended by an interrupting event sub-process, and an ordinary one', async () => {
    expect(await errorsOf(rule, cycle(eventSub(true)))).toEqual([]);
    expect(await errorsOf(rule, timer(''))).toEqual([]);
  });
});

describe('the diagrams in processes/', () => {
  it('lists every topic the diagrams use in topics.json', () => {
    expect(topics).toEqual(
      expect.arrayContaining([
        'event-handling-assign',
        'event-handling-escalate',
        'event-handling-extend',
        'event-handling-archive',
        'event-handling-reopen',
        'assessment-schedule',
        'assessment-score',
      ]),
    );
  });

  const files = readdirSync(PROCESSES).filter((f) => f.endsWith('.bpmn'));

  it('use every topic a worker serves (and the lint rule checks the other way round)', () => {
    const used = new Set(
      files.flatMap((f) =>
        [...readFileSync(path.join(PROCESSES, f), 'utf8').matchAll(/camunda:topic="([^"]+)"/g)].map(
          (m) => m[1],
        ),
      ),
    );
    expect([...used].sort()).toEqual([...topics].sort());
  });

  it.each(files)('%s lints clean', async (file) => {
    const result = await checkDiagram(readFileSync(path.join(PROCESSES, file), 'utf8'));
    expect(result).toEqual(expect.objectContaining({ ok: true, errors: [], warnings: [] }));
  });
});
