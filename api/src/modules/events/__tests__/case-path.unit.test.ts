/** The path marking of the case view on the real event-handling diagram, from history records. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROCESSES_DIR } from '../../../../../lib/processes';
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
          'verify',
          'verified',
          'to-handle',
          'handle',
          'outcome',
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
      expect.arrayContaining(['flow-start', 'flow-resolved', 'flow-verified', 'flow-rework', 'flow-passed']),
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
});
