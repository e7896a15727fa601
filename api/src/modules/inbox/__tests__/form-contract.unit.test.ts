/**
 * The completion contract of the deployed forms themselves (processes/*.form): what each step
 * accepts, so a form edit that loosens a step fails here before it reaches the engine.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formContract, formFieldKeys } from '../form-contract';

const form = (id: string) =>
  JSON.parse(
    readFileSync(path.join(__dirname, '..', '..', '..', '..', '..', 'processes', `${id}.form`), 'utf8'),
  );

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
  });

  it('names a form’s field keys (each step starts them empty)', () => {
    expect([...formFieldKeys(form('event-handling-handle'))]).toEqual(['outcome', 'result', 'reason']);
  });
});
