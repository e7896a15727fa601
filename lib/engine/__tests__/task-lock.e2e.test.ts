/**
 * The per-task mutex against the real database (lib/engine/task-lock.ts): changes to one task run
 * one after another across callers while another task's run beside them; the lock is a lease row,
 * not an open transaction, while the change runs; a failed change gives it back; a dead holder's
 * lease is taken over once it has run out, a live one's is waited for.
 */
import { serialised } from '../task-lock';
import { suiteStack } from '../../../test/harness';

describe('the per-task mutex', () => {
  const { prisma } = suiteStack();
  const held = (key: string) => prisma.taskLock.count({ where: { key } });
  /** Sessions of this database inside a transaction other than the asking one. */
  const openTransactions = async () => {
    const [row] = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`;
    return Number(row.n);
  };

  it('runs one task’s changes one after another and other tasks’ beside them', async () => {
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = serialised(prisma, 'task:a', async () => {
      log.push('a1 start');
      await gate;
      log.push('a1 end');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = serialised(prisma, 'task:a', async () => log.push('a2 start'));
    await serialised(prisma, 'task:b', async () => log.push('b'));
    expect(log).toEqual(['a1 start', 'b']);
    expect(await held('task:a')).toBe(1);
    expect(await openTransactions()).toBe(0);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 start', 'b', 'a1 end', 'a2 start']);
    expect(await held('task:a')).toBe(0);
  });

  it('gives the lock back when the change fails', async () => {
    await expect(
      serialised(prisma, 'task:c', async () => {
        throw new Error('engine said no');
      }),
    ).rejects.toThrow('engine said no');
    expect(await held('task:c')).toBe(0);
    await expect(serialised(prisma, 'task:c', async () => 'next')).resolves.toBe('next');
  });

  it('takes over a dead holder’s run-out lease and waits for a live one', async () => {
    await prisma.taskLock.create({
      data: { key: 'task:d', holder: 'gone', until: new Date(Date.now() - 1000) },
    });
    await expect(serialised(prisma, 'task:d', async () => 'taken')).resolves.toBe('taken');

    await prisma.taskLock.create({
      data: { key: 'task:e', holder: 'alive', until: new Date(Date.now() + 60_000) },
    });
    let ran = false;
    const waiting = serialised(prisma, 'task:e', async () => (ran = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ran).toBe(false);
    await prisma.taskLock.delete({ where: { key: 'task:e' } });
    await waiting;
    expect(ran).toBe(true);
  });
});
