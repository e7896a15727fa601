/** The path marking of the case view on the real event-handling diagram, from history records. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROCESSES_DIR } from '../processes';
import { pathFromHistory, type ActivityRecord } from '../case-path';

const xml = readFileSync(path.join(PROCESSES_DIR, 'event-handling.bpmn'), 'utf8');

/** Consecutive records one second apart; the last `open` ones have not ended. */
function history(ids: string[], open = 0): ActivityRecord[] {
  const t0 = Date.parse('2026-12-01T00:00:00Z');
  return ids.map((activityId, i) => ({
    activityId,
    startTime: new Date(t0 + i * 1000).toISOString(),
    endTime: i >= ids.length - open ? null : new Date(t0 + i * 1000 + 500).toISOString(),
  }));
}

describe('case path from history', () => {
  it('marks a failed verification loop back to 处置, not the branches never taken', () => {
    const { completed, active, flows } = pathFromHistory(
      xml,
      history(
        [
          'start',
          'to-dispatch',
          'dispatch',
          'assign',
          'to-handle',
          'handle',
          'outcome',
          'pick-verifier',
          'verify',
          'verified',
          'to-handle',
          'handle',
          'outcome',
          'pick-verifier',
          'verify',
          'verified',
          'visit',
        ],
        1,
      ),
    );
    expect(completed).toEqual(expect.arrayContaining(['start', 'dispatch', 'assign', 'handle', 'verify']));
    expect(active).toEqual(['visit']);
    expect(flows).toEqual(
      expect.arrayContaining([
        'flow-start',
        'flow-resolved',
        'flow-verifier-picked',
        'flow-verified',
        'flow-rework',
        'flow-passed',
      ]),
    );
    expect(flows).not.toContain('flow-cannot-resolve');
    expect(flows).not.toContain('flow-transfer');
  });

  it('counts the host of a fired boundary timer as entered and marks its flow', () => {
    const { completed, flows } = pathFromHistory(
      xml,
      history(
        [
          'start',
          'to-dispatch',
          'dispatch',
          'assign',
          'to-handle',
          'handle',
          'red-deadline',
          'to-escalate',
          'escalate',
          'to-dispatch',
          'dispatch',
        ],
        1,
      ),
    );
    expect(completed).toEqual(expect.arrayContaining(['handle', 'red-deadline', 'escalate']));
    expect(flows).toEqual(expect.arrayContaining(['flow-overdue', 'flow-escalate', 'flow-escalated']));
    expect(flows).not.toContain('flow-handled');
  });

  it('traces an escalation back through 上报上一级, not the 转办 flow from the same gateway into 分拨', () => {
    const { completed, active, flows } = pathFromHistory(
      xml,
      history(
        [
          'start',
          'to-dispatch',
          'dispatch',
          'assign',
          'to-handle',
          'handle',
          'outcome',
          'to-escalate',
          'escalate',
          'to-dispatch',
          'dispatch',
          'assign',
          'to-handle',
          'handle',
        ],
        1,
      ),
    );
    expect(completed).toEqual(expect.arrayContaining(['outcome', 'to-escalate', 'escalate']));
    expect(active).toEqual(['handle']);
    expect(flows).toEqual(
      expect.arrayContaining([
        'flow-start',
        'flow-handled',
        'flow-cannot-resolve',
        'flow-escalate',
        'flow-escalated',
      ]),
    );
    expect(flows).not.toContain('flow-transfer');
    expect(flows).not.toContain('flow-resolved');
    expect(flows).not.toContain('flow-overdue');
  });

  it('takes no flow out of a task its boundary timer cancelled', () => {
    const records = history([
      'start',
      'to-dispatch',
      'dispatch',
      'assign',
      'to-handle',
      'handle',
      'red-deadline',
      'to-escalate',
    ]);
    records[5].canceled = true;
    const { flows } = pathFromHistory(xml, [
      ...records,
      ...history(['outcome']).map((r) => ({
        ...r,
        startTime: records[7].endTime!,
        endTime: records[7].endTime,
      })),
    ]);
    expect(flows).toContain('flow-overdue');
    expect(flows).not.toContain('flow-handled');
  });
});
