/**
 * The repair of half-done reports against the real engine: an Event the API could neither link to
 * its engine instance nor take back (the database went away between the two) is linked to the
 * instance the engine holds under its case number, or deleted with its timeline when there is
 * none; a fresh one (a report still in flight) and an old fixture row are left alone.
 */
import pino from 'pino';
import { suiteStack } from '../../../../test/harness';
import { reportEvent } from '../../../../test/events';
import { loadWorkersConfig } from '../../config';
import { reconcileReports } from '../report-reconcile.processor';

describe('report reconcile', () => {
  const stack = suiteStack();

  it('links an Event to its instance, deletes one without, leaves fresh and old rows alone', async () => {
    const member = await stack.loginAs('grid.hw01');
    const started = await reportEvent(member, { description: '已启动但未关联' });
    const { processInstanceId } = await stack.prisma.event.findUniqueOrThrow({ where: { id: started.id } });
    const lost = await reportEvent(member, { description: '引擎中没有' });
    const fresh = await reportEvent(member, { description: '仍在上报中' });
    const old = await reportEvent(member, { description: '历史数据' });
    const leftAlone = (
      await stack.prisma.event.findMany({
        where: { id: { in: [fresh.id, old.id] } },
        select: { processInstanceId: true },
      })
    ).map((e) => e.processInstanceId!);
    // As the API leaves them when the database goes away mid-report: no processInstanceId.
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    await stack.prisma.event.update({
      where: { id: started.id },
      data: { processInstanceId: null, createdAt: ago(60_000) },
    });
    // A case number the engine never saw: its instance never started.
    await stack.prisma.event.update({
      where: { id: lost.id },
      data: { processInstanceId: null, caseNo: `${lost.caseNo}-X`, createdAt: ago(60_000) },
    });
    await stack.prisma.event.update({ where: { id: fresh.id }, data: { processInstanceId: null } });
    await stack.prisma.event.update({
      where: { id: old.id },
      data: { processInstanceId: null, createdAt: ago(3 * 24 * 3600_000) },
    });

    const config = loadWorkersConfig({ ...process.env, REPORT_RECONCILE_AFTER_MS: '30000' });
    const result = await reconcileReports(
      { db: stack.prisma, engine: stack.engine, config, log: pino({ level: 'silent' }) },
      now,
    );
    expect(result).toEqual({ linked: 1, removed: 1 });
    expect(await stack.prisma.event.findUnique({ where: { id: started.id } })).toMatchObject({
      processInstanceId,
    });
    expect(await stack.prisma.event.findUnique({ where: { id: lost.id } })).toBeNull();
    expect(await stack.prisma.timelineEntry.count({ where: { eventId: lost.id } })).toBe(0);
    expect(await stack.prisma.event.findUnique({ where: { id: fresh.id } })).toMatchObject({
      processInstanceId: null,
    });
    expect(await stack.prisma.event.findUnique({ where: { id: old.id } })).toMatchObject({
      processInstanceId: null,
    });
    // Run again: nothing left to do.
    expect(
      await reconcileReports(
        { db: stack.prisma, engine: stack.engine, config, log: pino({ level: 'silent' }) },
        now,
      ),
    ).toEqual({ linked: 0, removed: 0 });
    // The engine instances no row points at any more are this test's own: cancelled, rows removed.
    for (const id of leftAlone) await stack.engine.deleteProcessInstance(id).catch(() => undefined);
    await stack.prisma.event.deleteMany({ where: { id: { in: [fresh.id, old.id] } } });
  });
});
