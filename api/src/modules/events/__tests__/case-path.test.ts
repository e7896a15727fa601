/** The path marking of the case view on the real event-handling diagram, from timeline actions alone. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROCESSES_DIR } from '../../../../../lib/processes';
import { pathTaken, stepsOf } from '../case-path';

const xml = readFileSync(path.join(PROCESSES_DIR, 'event-handling.bpmn'), 'utf8');
const path_ = (actions: string[], active: string[]) => pathTaken(xml, stepsOf(actions), new Set(active));

describe('case path', () => {
  it('follows a failed verification back to 处置 and marks that loop, not the branches never taken', () => {
    const { completed, flows } = path_(
      [
        'reported',
        'dispatched',
        'completed:handle',
        'completed:verify',
        'completed:handle',
        'completed:verify',
      ],
      ['visit'],
    );
    expect(completed).toEqual(
      expect.arrayContaining(['start', 'dispatch', 'assign', 'handle', 'verify', 'verified']),
    );
    expect(flows).toEqual(
      expect.arrayContaining([
        'flow-start',
        'flow-resolved',
        'flow-verified',
        'flow-rework',
        'flow-handle',
        'flow-passed',
      ]),
    );
    for (const never of ['flow-cannot-resolve', 'flow-transfer', 'flow-return', 'flow-extension']) {
      expect(flows).not.toContain(never);
    }
    expect(completed).not.toContain('visit');
  });

  it('enters 处置 when its red timer fires, and takes the timer’s flow up a level', () => {
    const { completed, flows } = path_(
      ['reported', 'dispatched', 'escalated-overdue', 'dispatched'],
      ['handle'],
    );
    expect(completed).toEqual(expect.arrayContaining(['red-deadline', 'escalate', 'to-escalate']));
    expect(flows).toEqual(
      expect.arrayContaining(['flow-handle', 'flow-overdue', 'flow-escalate', 'flow-escalated']),
    );
    expect(flows).not.toContain('flow-cannot-resolve');
    // 处置 is current again: it shows as current, not as done.
    expect(completed).not.toContain('handle');
  });

  it('leaves unmarked what the timeline cannot prove', () => {
    expect(path_([], [])).toEqual({ completed: [], flows: [] });
    expect(path_(['reported', 'completed:visit'], []).flows).toEqual([]);
  });
});
