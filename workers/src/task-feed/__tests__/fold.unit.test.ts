import { foldTask, type FeedRow } from '../fold';

let seq = 0;
const row = (event_type: string, fields: Partial<FeedRow> = {}): FeedRow => ({
  id: String(++seq),
  task_id: 't1',
  event_type,
  process_instance_id: 'pi',
  process_definition_id: 'event-handling:1:x',
  process_definition_key: 'event-handling',
  task_definition_key: 'handle',
  name: '处置',
  assignee: null,
  owner: null,
  due_date: null,
  priority: 1,
  delete_reason: null,
  link_type: null,
  group_id: null,
  end_time: null,
  recorded_at: new Date('2026-12-01T00:00:00Z'),
  ...fields,
});

describe('folding task-feed rows', () => {
  it('builds a task from its creation and candidate group, then follows updates and completion', () => {
    const created = [
      row('create'),
      row('identity-link-add', { link_type: 'candidate', group_id: 'unit:G1' }),
    ];
    const open = foldTask(undefined, created)!;
    expect(open).toMatchObject({ state: 'OPEN', candidateGroups: ['unit:G1'], elementId: 'handle' });
    const claimed = foldTask(open, [row('update', { assignee: 'u1', priority: 3 })])!;
    expect(claimed).toMatchObject({ assignee: 'u1', priority: 3, state: 'OPEN' });
    const end = new Date('2026-12-01T01:00:00Z');
    const done = foldTask(claimed, [
      row('complete', { assignee: 'u1', delete_reason: 'completed', end_time: end }),
    ])!;
    expect(done).toMatchObject({ state: 'COMPLETED', completedAt: end, candidateGroups: ['unit:G1'] });
  });

  it('tells a cancellation (boundary timer, deleted instance) from a completion', () => {
    const open = foldTask(undefined, [row('create')])!;
    expect(foldTask(open, [row('delete', { delete_reason: 'deleted' })])!.state).toBe('CANCELED');
  });

  it('skips an older snapshot that another consumer applies late, and never reopens an ended task', () => {
    const create = row('create');
    const update = row('update', { assignee: 'u1' });
    const complete = row('complete', { assignee: 'u1', delete_reason: 'completed' });
    const ended = foldTask(undefined, [update, complete])!;
    expect(ended.state).toBe('COMPLETED');
    const late = foldTask(ended, [create])!;
    expect(late).toMatchObject({ state: 'COMPLETED', assignee: 'u1', feedSeq: BigInt(complete.id) });
  });

  it('applies candidate-group changes whatever their order against snapshots', () => {
    const snapshot = row('update');
    const link = row('identity-link-add', { link_type: 'candidate', group_id: 'unit:G2' });
    const first = foldTask(undefined, [snapshot])!;
    // The group row has a lower id than a snapshot applied before it: it still counts.
    const withGroup = foldTask({ ...first, feedSeq: BigInt(link.id) + 5n }, [link])!;
    expect(withGroup.candidateGroups).toEqual(['unit:G2']);
    expect(
      foldTask(withGroup, [row('identity-link-delete', { link_type: 'candidate', group_id: 'unit:G2' })])!
        .candidateGroups,
    ).toEqual([]);
  });

  it('takes no assignee from a row the API has already answered past (claim, then unclaim)', () => {
    const open = foldTask(undefined, [row('create')])!;
    const claim = row('update', { assignee: 'u1', priority: 2 });
    const unclaim = row('update', { assignee: null, priority: 2 });
    // The API unclaimed and wrote the row past the unclaim's feed row before a consumer applied the claim.
    const answered = { ...open, assignee: null, assigneeSeq: BigInt(unclaim.id) };
    const late = foldTask(answered, [claim])!;
    expect(late).toMatchObject({ assignee: null, priority: 2, feedSeq: BigInt(claim.id) });
    expect(foldTask(late, [unclaim])!.assignee).toBeNull();
    // A change the API did not make, after its answer, applies as ever.
    expect(foldTask(late, [row('update', { assignee: 'u2' })])!.assignee).toBe('u2');
  });
});
