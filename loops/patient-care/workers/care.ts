/**
 * What the `patient-care` workers share: who ended a user task (the engine's history, so a
 * completion through the inbox and one through the patients API are recorded alike), the
 * file's timeline, and the care team's users to alert.
 */
import type { Prisma } from '@prisma/client';
import type { Db } from '../../../lib/db';
import type { ProcessEngine } from '../../../lib/engine/process-engine';

/** The last ended task of an element of the instance: the one the step after it records. */
export async function lastCompleted(engine: ProcessEngine, processInstanceId: string, elementId: string) {
  const [task] = await engine.finishedTasks(processInstanceId, elementId);
  if (!task?.id) return null;
  return { taskKey: task.id, userId: task.assignee ?? null, endedAt: new Date(task.endTime ?? Date.now()) };
}

export interface HistoryEntry {
  personId: string;
  action: string;
  dedupKey: string;
  actorId?: string | null;
  at?: Date;
  detail?: Prisma.InputJsonObject;
}

/** One timeline entry per fact (a redelivered task adds nothing). */
export async function recordHistory(db: Pick<Db, 'personHistory'>, entry: HistoryEntry) {
  await db.personHistory.createMany({
    data: [{ ...entry, actorId: entry.actorId ?? null }],
    skipDuplicates: true,
  });
}

/** The care team's members who are Zhizhi users (a guardian may be a name only). */
export async function teamUsers(db: Db, personId: string) {
  return db.teamMember.findMany({
    where: { personId, userId: { not: null } },
    select: { userId: true, roleCode: true, designated: true },
  }) as Promise<{ userId: string; roleCode: string; designated: boolean }[]>;
}

/** A risk level given at a step, once per step (the risk chart). */
export async function recordRiskLevel(
  db: Db,
  input: { personId: string; level: number; source: string; sourceId: string; at: Date },
) {
  await db.$transaction([
    db.riskLevelRecord.createMany({
      data: [
        {
          personId: input.personId,
          level: input.level,
          source: input.source,
          sourceId: input.sourceId,
          at: input.at,
        },
      ],
      skipDuplicates: true,
    }),
    db.person.update({ where: { id: input.personId }, data: { riskLevel: input.level } }),
  ]);
}

export const riskLevelOf = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 5 ? value : null;

/**
 * 张某: how a notice names the person. Notices also go to group robots (WeCom, DingTalk) outside
 * Zhizhi, so they carry no full name; the file itself is one click away for those who may read it.
 */
export const maskedName = (name: string) => `${[...name][0] ?? ''}某`;
