import type { Job } from '../../types';
import { inboxFieldsFromJob, unitOf } from '../user-task';

const job = (customHeaders: Record<string, string>) =>
  ({
    key: '2251799813685276',
    processInstanceKey: '2251799813685269',
    processDefinitionKey: '2251799813685267',
    bpmnProcessId: 'inbox-spike',
    elementId: 'review',
    customHeaders,
    variables: { unitCode: 'G01', nested: { a: 1 } },
  }) as unknown as Job;

describe('user-task job → inbox fields', () => {
  it('reads candidate groups, due date, assignee and form from the zeebe headers', () => {
    const fields = inboxFieldsFromJob(
      job({
        'io.camunda.zeebe:candidateGroups': '["unit:BA-XA-C01-G01","role:staff"]',
        'io.camunda.zeebe:dueDate': '2026-11-23T18:16:39.966Z',
        'io.camunda.zeebe:assignee': 'u1',
        'io.camunda.zeebe:formKey': '2251799813685268',
      }),
    );
    expect(fields.candidateGroups).toEqual(['unit:BA-XA-C01-G01', 'role:staff']);
    expect(fields.dueDate?.toISOString()).toBe('2026-11-23T18:16:39.966Z');
    expect(fields.assignee).toBe('u1');
    expect(fields.formKey).toBe('2251799813685268');
    expect(fields.processDefinitionKey).toBe('2251799813685267');
    expect(fields.variables).toEqual({ unitCode: 'G01', nested: { a: 1 } });
  });

  it('leaves absent or unreadable headers empty', () => {
    const fields = inboxFieldsFromJob(job({ 'io.camunda.zeebe:dueDate': 'not a date' }));
    expect(fields).toMatchObject({ candidateGroups: [], assignee: null, dueDate: null, formKey: null });
  });

  it('takes the unit from the first unit: group', () => {
    expect(unitOf(['role:staff', 'unit:BA-XA', 'unit:BA'])).toBe('BA-XA');
    expect(unitOf(['dept:justice'])).toBeNull();
  });
});
