/**
 * The completion contract of the deployed forms themselves (processes/*.form): what each step
 * accepts, so a form edit that loosens a step fails here before it reaches the engine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findWorkers } from '../../../../../workers/src/registry';
import { formContract, formFieldKeys, photoFieldKeys, PROTECTED_VARIABLES } from '../form-contract';

const PROCESSES = path.join(__dirname, '..', '..', '..', '..', '..', 'processes');
const form = (id: string) => JSON.parse(readFileSync(path.join(PROCESSES, `${id}.form`), 'utf8'));
const files = (ext: string) => readdirSync(PROCESSES).filter((f) => f.endsWith(ext));

describe('form contract', () => {
  it('核查 takes an explicit 通过/不通过 choice, as a boolean, and nothing else', () => {
    const verify = formContract(form('event-handling-verify'));
    expect(verify.safeParse({}).success).toBe(false);
    expect(verify.safeParse({ verified: true }).success).toBe(true);
    expect(verify.safeParse({ verified: false, verifyComment: '仍有垃圾' }).success).toBe(true);
    expect(verify.safeParse({ verified: 'false' }).success).toBe(false);
    expect(verify.safeParse({ verified: true, outcome: 'resolved' }).success).toBe(false);
  });

  it('处置 offers only its own outcomes: 退回/转办/延期 are actions, not form values', () => {
    const handle = formContract(form('event-handling-handle'));
    expect(handle.safeParse({ outcome: 'resolved', result: '已清理' }).success).toBe(true);
    for (const outcome of ['transfer', 'return', 'extension'])
      expect(handle.safeParse({ outcome, reason: 'x' }).success).toBe(false);
    expect(handle.safeParse({ outcome: 'resolved', handlerOverride: 'BA-XX' }).success).toBe(false);
  });

  it('refuses numbers beyond the safe range and values outside a field limit', () => {
    const contract = formContract({
      components: [{ type: 'number', key: 'days', validate: { min: 1, max: 30 } }],
    });
    expect(contract.safeParse({ days: 2 ** 53 + 2 }).success).toBe(false);
    expect(contract.safeParse({ days: 31 }).success).toBe(false);
    expect(contract.safeParse({ days: 3 }).success).toBe(true);
    // The deployed whole-number fields (decimalDigits 0) refuse fractions.
    const followUp = formContract(form('patient-care-follow-up'));
    expect(followUp.safeParse({ riskLevel: 2.5, followUpMethod: 'home' }).success).toBe(false);
    expect(followUp.safeParse({ riskLevel: 2, followUpMethod: 'home' }).success).toBe(true);
  });

  it('protects every variable that identifies, routes or times a case in any loop', () => {
    const formKeys = new Set(files('.form').flatMap((f) => [...formFieldKeys(form(f.slice(0, -5)))]));
    // What the diagrams route and time with: candidate groups, assignees, due dates, timers.
    const routing = files('.bpmn').flatMap((f) =>
      [
        ...readFileSync(path.join(PROCESSES, f), 'utf8').matchAll(
          /camunda:(?:candidateGroups|candidateUsers|assignee|dueDate)="([^"]*)"|<bpmn:time(?:Date|Duration|Cycle)[^>]*>([^<]*)/g,
        ),
      ].flatMap((m) => [...(m[1] ?? m[2]).matchAll(/\$\{(\w+)\}/g)].map((v) => v[1])),
    );
    // What the workers set, except the form fields they reset between rounds (outcome, …).
    const workerSet = findWorkers().flatMap((w) => w.writes.filter((v) => !formKeys.has(v)));
    // Each loop's case identity.
    const identity = ['eventId', 'disputeId', 'petitionId', 'personId', 'caseNo'];
    const open = [...new Set([...routing, ...workerSet, ...identity])].filter(
      (v) => !PROTECTED_VARIABLES.has(v),
    );
    expect(open).toEqual([]);
  });

  it('names a form’s field keys (each step starts them empty)', () => {
    expect([...formFieldKeys(form('event-handling-handle'))]).toEqual([
      'outcome',
      'result',
      'afterPhotos',
      'reason',
    ]);
  });

  it('takes a photo field as a short list of attachment ids', () => {
    const handle = formContract(form('event-handling-handle'));
    expect(photoFieldKeys(form('event-handling-handle'))).toEqual(['afterPhotos']);
    expect(handle.safeParse({ outcome: 'resolved', afterPhotos: ['a1', 'b2'] }).success).toBe(true);
    expect(handle.safeParse({ outcome: 'resolved', afterPhotos: 'a1' }).success).toBe(false);
    expect(handle.safeParse({ outcome: 'resolved', afterPhotos: Array(21).fill('a') }).success).toBe(false);
  });
});
