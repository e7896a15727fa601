/**
 * 重办 as the event's reopen path has it, whoever asks: the reporter (POST /api/events/:id/reopen)
 * or a 民调 call answered 不满意 (loops/satisfaction-sampling). The engine buffers no messages, so
 * the message goes only to an instance that waits for it; otherwise 409 says why: the case is not
 * archived yet, it was reopened already, or the window has closed. Who may ask is the caller's check.
 */
import type { Event } from '@prisma/client';
import { EngineError, type ProcessEngine } from '../../../lib/engine/process-engine';
import type { Db } from '../../../lib/db';
import { commandAfterCommit, queueCommand } from '../../../lib/engine-commands';
import { recordTimeline } from '../../../lib/timeline';
import { HttpError } from '../../../api/src/http/errors';

export async function requestReopen(
  db: Db,
  engine: ProcessEngine,
  event: Event,
  {
    reason,
    actorId,
    requestKey,
  }: {
    reason: string;
    actorId: string;
    /** Who asked, on the timeline entry, so a retried step can tell a reopen of its own (`ownReopen`). */
    requestKey?: string;
  },
) {
  const id = event.id;
  if (event.reopenUntil && event.reopenUntil < new Date()) throw new HttpError(409, 'error.reopenClosed');
  if (event.status !== 'ARCHIVED') {
    const [archived, requested] = await Promise.all(
      ['archived', 'reopen-requested'].map((action) =>
        db.timelineEntry.findFirst({ where: { eventId: id, action }, orderBy: { at: 'desc' } }),
      ),
    );
    const reopened = requested && (!archived || requested.at >= archived.at);
    throw new HttpError(409, reopened ? 'error.alreadyReopened' : 'error.reopenNotReady');
  }
  const waiting = await engine.eventSubscriptions(event.processInstanceId!, 'event-reopen').catch(() => {
    throw new HttpError(503, 'error.engineUnavailable');
  });
  if (!waiting.length) throw new HttpError(409, 'error.reopenClosed');
  const dedupKey = `reopen-requested:${id}:${event.reopenCount}`;
  const command = await db.$transaction(async (tx) => {
    // Two requests at once: the second finds the case open again.
    const { count } = await tx.event.updateMany({
      where: { id, status: 'ARCHIVED' },
      data: { status: 'OPEN' },
    });
    if (!count) throw new HttpError(409, 'error.alreadyReopened');
    await recordTimeline(tx, {
      eventId: id,
      action: 'reopen-requested',
      dedupKey,
      actorId: actorId,
      detail: requestKey ? { reason, requestKey } : { reason },
    });
    return queueCommand(tx, event.processInstanceId!, {
      kind: 'correlate',
      message: 'event-reopen',
      variables: { reopenReason: reason, reopenedBy: actorId },
    });
  });
  // The window closed between the look and the delivery: the case is archived again.
  await commandAfterCommit(db, engine, command, async (tx) => {
    await tx.event.update({ where: { id }, data: { status: 'ARCHIVED' } });
    await tx.timelineEntry.deleteMany({ where: { dedupKey } });
  }).catch((err) => {
    throw err instanceof EngineError ? new HttpError(409, 'error.reopenClosed') : err;
  });
}

/**
 * Whether the case was reopened under `requestKey`: a step retried after it reopened the case but
 * before it recorded so finds its own reopen, and neither asks again nor takes it for another's.
 */
export async function ownReopen(db: Db, eventId: string, requestKey: string) {
  const entry = await db.timelineEntry.findFirst({
    where: { eventId, action: 'reopen-requested', detail: { path: ['requestKey'], equals: requestKey } },
    select: { id: true },
  });
  return !!entry;
}
