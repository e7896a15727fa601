/**
 * One pattern for starting a case's process (an outbox). The case and the request to start its
 * process are written in one database transaction (`queueStart`); the start itself runs after the
 * commit, never inside a transaction: by the API at once (`deliverStart`), and by the workers'
 * `engine-starts` job for a request the API could not deliver (the engine away, the API gone
 * between its commit and its call). Delivery is idempotent: the row is leased to one deliverer,
 * the engine is asked first for an instance under the case's business key (a start that reached
 * it before its answer was lost), and the case is linked to the instance with the row marked done
 * in one transaction. So a case is started exactly once, and a case never loses an instance that
 * runs on (the compensations this replaces deleted the case when an answer was lost).
 */
import type { CaseKind, Prisma } from '@prisma/client';
import type { Db } from './db';
import {
  EngineError,
  EngineUnavailableError,
  type ProcessEngine,
  type Variables,
} from './engine/process-engine';
import {
  mayHaveReached,
  OUTBOX_BATCH,
  storedVariables,
  unleased,
  variablesOfStored,
  waitingRows,
} from './engine/outbox';

export interface StartRequest {
  caseKind: CaseKind;
  caseId: string;
  processKey: string;
  businessKey: string;
  variables: Variables;
}

/** What a delivery came to: the instance, still to come (the engine away or someone else on it), or refused. */
export type Delivery =
  | { state: 'started'; processInstanceId: string; processDefinitionId: string | null }
  | { state: 'pending' }
  | { state: 'refused'; error: EngineError };

/** How long a deliverer holds a row: longer than any engine call may take, so a start still on its way is never repeated. */
export const START_LEASE_MS = 60_000;

/** Written with the case, in its transaction. */
export const queueStart = (tx: Prisma.TransactionClient, request: StartRequest) =>
  tx.engineStart.create({ data: { ...request, variables: storedVariables(request.variables) } });

/** Each kind of case keeps its instance: linked only while it has none. */
const LINK: Record<
  CaseKind,
  (
    tx: Prisma.TransactionClient,
    caseId: string,
    instance: { id: string; definitionId: string | null },
  ) => Promise<unknown>
> = {
  EVENT: (tx, id, i) =>
    tx.event.updateMany({
      where: { id, processInstanceId: null },
      data: { processInstanceId: i.id, processDefinitionId: i.definitionId },
    }),
  DISPUTE: (tx, id, i) =>
    tx.dispute.updateMany({ where: { id, processInstanceId: null }, data: { processInstanceId: i.id } }),
  PETITION: (tx, id, i) =>
    tx.petition.updateMany({ where: { id, processInstanceId: null }, data: { processInstanceId: i.id } }),
  PERSON: (tx, id, i) =>
    tx.person.updateMany({ where: { id, processInstanceId: null }, data: { processInstanceId: i.id } }),
  JOINT_INSPECTION: (tx, id, i) =>
    tx.jointInspection.updateMany({
      where: { id, processInstanceId: null },
      data: { processInstanceId: i.id },
    }),
  // A designer's process is started by 发起 directly: its instance is its case.
  PROCESS: async () => undefined,
  SAMPLE: (tx, id, i) =>
    tx.sampledCase.updateMany({ where: { id, processInstanceId: null }, data: { processInstanceId: i.id } }),
  WARNING: (tx, id, i) =>
    tx.warning.updateMany({ where: { id, processInstanceId: null }, data: { processInstanceId: i.id } }),
};

/**
 * Performs the start of one case, if no one else is on it: the instance the engine already holds
 * under the business key, else a new one; then the case linked and the row marked started.
 */
export async function deliverStart(db: Db, engine: ProcessEngine, caseId: string): Promise<Delivery> {
  const now = new Date();
  const { count } = await db.engineStart.updateMany({
    where: {
      caseId,
      startedAt: null,
      refusedAt: null,
      ...unleased(now),
    },
    data: { leaseUntil: new Date(now.getTime() + START_LEASE_MS), attempts: { increment: 1 } },
  });
  if (!count) {
    const row = await db.engineStart.findUnique({ where: { caseId } });
    return row?.startedAt && row.processInstanceId
      ? { state: 'started', processInstanceId: row.processInstanceId, processDefinitionId: null }
      : { state: 'pending' };
  }
  const row = await db.engineStart.findUniqueOrThrow({ where: { caseId } });
  let instance: { id: string; definitionId: string | null };
  try {
    // The first delivery is the first call: only a later one can find a start that reached the engine.
    const [earlier] =
      row.attempts > 1
        ? await engine.historicProcessInstances({
            processDefinitionKey: row.processKey,
            processInstanceBusinessKey: row.businessKey,
          })
        : [];
    if (earlier?.id) instance = { id: earlier.id, definitionId: earlier.processDefinitionId ?? null };
    else {
      const started = await engine.startProcess(
        row.processKey,
        variablesOfStored(row.variables),
        row.businessKey,
      );
      instance = { id: started.id!, definitionId: started.definitionId ?? null };
    }
  } catch (err) {
    const lastError = (err as Error).message.slice(0, 1000);
    if (err instanceof EngineError && err.refused) {
      await db.engineStart.update({
        where: { caseId },
        data: { refusedAt: new Date(), leaseUntil: null, lastError },
      });
      return { state: 'refused', error: err };
    }
    if (!(err instanceof EngineError || err instanceof EngineUnavailableError)) throw err;
    await db.engineStart.update({
      where: { caseId },
      data: { lastError, ...(mayHaveReached(err) ? {} : { leaseUntil: null }) },
    });
    return { state: 'pending' };
  }
  await db.$transaction(async (tx) => {
    await LINK[row.caseKind](tx, caseId, instance);
    await tx.engineStart.update({
      where: { caseId },
      data: { startedAt: new Date(), processInstanceId: instance.id, leaseUntil: null, lastError: null },
    });
  });
  return { state: 'started', processInstanceId: instance.id, processDefinitionId: instance.definitionId };
}

/**
 * The starts no one delivered: older than `after` (the API's own attempt comes first), not
 * started, not refused, not leased. Delivered one by one; returns how each went.
 */
export async function deliverPendingStarts(db: Db, engine: ProcessEngine, after: number, now = new Date()) {
  const pending = await db.engineStart.findMany({
    where: { startedAt: null, ...waitingRows(now, after) },
    orderBy: { createdAt: 'asc' },
    take: OUTBOX_BATCH,
    select: { caseId: true },
  });
  const counts = { started: 0, pending: 0, refused: 0 };
  for (const { caseId } of pending) counts[(await deliverStart(db, engine, caseId)).state]++;
  return counts;
}

/**
 * The API's delivery right after the case's commit. A refusal takes the case back (deleted with
 * its request by `takeBack`, in one transaction) and is thrown, as the registrar's answer. Anything
 * else that goes wrong now (the engine away, the database gone after the commit) leaves the case
 * registered and its start to the workers: the answer is the case, never an error for a case that
 * exists and will start.
 */
export async function startAfterCommit(
  db: Db,
  engine: ProcessEngine,
  caseId: string,
  takeBack: (tx: Prisma.TransactionClient) => Promise<unknown>,
): Promise<{ processInstanceId: string | null; processDefinitionId: string | null }> {
  const delivery = await deliverStart(db, engine, caseId).catch((): Delivery => ({ state: 'pending' }));
  if (delivery.state === 'refused') {
    await db.$transaction(async (tx) => {
      await tx.engineStart.delete({ where: { caseId } });
      await takeBack(tx);
    });
    throw delivery.error;
  }
  return delivery.state === 'started'
    ? { processInstanceId: delivery.processInstanceId, processDefinitionId: delivery.processDefinitionId }
    : { processInstanceId: null, processDefinitionId: null };
}
