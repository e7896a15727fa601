import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deploymentBoundForms, PROCESSES_DIR } from '../processes';

describe('forms bound to their deployment', () => {
  it('finds the steps whose form is the one deployed with the diagram', () => {
    const xml = readFileSync(path.join(PROCESSES_DIR, 'event-handling.bpmn'), 'utf8');
    expect([...deploymentBoundForms(xml)].sort()).toEqual(
      expect.arrayContaining(['approve-extension', 'handle', 'redispatch', 'verify', 'visit']),
    );
  });

  it('leaves out forms that follow later deployments, and steps without a form', () => {
    const xml = `<bpmn:process id="p">
      <bpmn:userTask id="latest" camunda:formRef="f" camunda:formRefBinding="latest" />
      <bpmn:userTask id="unbound" camunda:formRef="f" />
      <bpmn:userTask id="none" name="无表单" />
      <userTask camunda:formKey="camunda-forms:deployment:g.form" id="keyed"></userTask>
      <bpmn:userTask camunda:formRefBinding="deployment" id="reordered" camunda:formRef="f" />
    </bpmn:process>`;
    expect([...deploymentBoundForms(xml)].sort()).toEqual(['keyed', 'reordered']);
  });
});
