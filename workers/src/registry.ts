import { readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { EngineError, type ExternalTask } from '../../lib/engine/process-engine';
import { fromEngineVariables } from '../../lib/engine/variables';
import type { Outcome, Task, WorkerDefinition, WorkerDeps } from './types';

const WORKER_FILE = /\.worker\.(ts|js)$/;

/** Where the loops live (loops/<loop>/workers), from here in the sources and in the build alike. */
export const LOOPS_DIR = path.resolve(__dirname, '..', '..', 'loops');

/** Every `*.worker.ts` of the loops, one per topic. */
export function findWorkers(dir = LOOPS_DIR): WorkerDefinition[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => WORKER_FILE.test(f) && !f.includes('__tests__'))
    .sort();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return files.map((f) => (require(path.join(dir, f)) as { default: WorkerDefinition }).default);
}

const toTask = (t: ExternalTask): Task => ({
  id: t.id!,
  topic: t.topicName!,
  processInstanceId: t.processInstanceId!,
  processDefinitionKey: t.processDefinitionKey!,
  activityId: t.activityId!,
  retries: t.retries ?? null,
  variables: fromEngineVariables(t.variables as Record<string, { value?: unknown }>),
});

/**
 * Serves every worker's topic from one long-polling fetch-and-lock loop: at most
 * WORKER_MAX_TASKS in flight, a failing handler retried with doubling back-off and then left as
 * an incident, a BPMN error where the handler names one. Delivery is at least once (a lock can
 * run out, a node can die), so handlers are idempotent.
 */
export function startWorkers(deps: WorkerDeps, definitions = findWorkers()) {
  const { engine, config, log } = deps;
  const workerId = `zhizhi-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const handlers = new Map(definitions.map((d) => [d.topic, d.handler(deps)]));
  const topics = definitions.map((d) => ({
    topicName: d.topic,
    lockDuration: d.lockDuration === 'WORKER_LOCK_MS' ? config.WORKER_LOCK_MS : d.lockDuration,
    // Only what the handler declares it reads: an instance's other variables (form answers, texts,
    // lists) stay in the engine instead of travelling with every task.
    variables: [...new Set([...d.reads, ...(d.optionalReads ?? [])])],
    localVariables: false,
    withoutTenantId: false,
    deserializeValues: false,
    includeExtensionProperties: false,
  }));
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  async function report(task: Task, outcome: Outcome) {
    switch (outcome.kind) {
      case 'complete':
        await engine.completeExternal(task.id, workerId, outcome.variables);
        return outcome
          .after?.()
          .catch((err) =>
            log.error({ taskId: task.id, err: (err as Error).message }, 'after completion failed'),
          );
      case 'bpmnError':
        return engine.bpmnErrorExternal(task.id, workerId, outcome.code, outcome.message);
      case 'fail':
        return failure(task, outcome.message, '', outcome.retries);
    }
  }

  /** Retries count down from WORKER_RETRIES; at 0 the engine raises an incident. */
  function failure(task: Task, message: string, details: string, retries?: number) {
    const left = retries ?? (task.retries === null ? config.WORKER_RETRIES : task.retries) - 1;
    const attempt = Math.max(0, config.WORKER_RETRIES - left - 1);
    return engine.failExternal(task.id, {
      workerId,
      errorMessage: message.slice(0, 600),
      errorDetails: details,
      retries: Math.max(0, left),
      retryTimeout: config.WORKER_RETRY_BACKOFF_MS * 2 ** attempt,
    });
  }

  async function run(raw: ExternalTask) {
    let task: Task | undefined;
    try {
      task = toTask(raw);
      const handler = handlers.get(task.topic);
      if (!handler) throw new Error(`no handler for topic ${task.topic}`);
      await report(task, await handler(task));
    } catch (err) {
      const e = err as Error;
      log.warn({ taskId: raw.id, topic: raw.topicName, err: e.message }, 'external task failed');
      // A lost lock (another worker has it now) is not ours to report.
      if (err instanceof EngineError && err.status === 404) return;
      await failure(task ?? toTask(raw), e.message || String(err), e.stack ?? '').catch((reportErr) =>
        log.error({ taskId: raw.id, err: (reportErr as Error).message }, 'could not report a failure'),
      );
    }
  }

  async function loop() {
    while (!stopping) {
      const capacity = config.WORKER_MAX_TASKS - inFlight.size;
      if (capacity <= 0) {
        await Promise.race(inFlight);
        continue;
      }
      let fetched: ExternalTask[] = [];
      try {
        fetched = await engine.fetchAndLock(
          {
            workerId,
            maxTasks: capacity,
            usePriority: true,
            asyncResponseTimeout: config.WORKER_POLL_TIMEOUT_MS,
            topics,
          },
          config.WORKER_POLL_TIMEOUT_MS,
        );
      } catch (err) {
        if (stopping) break;
        log.warn({ err: (err as Error).message }, 'fetch-and-lock failed; retrying');
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      for (const raw of fetched) {
        // Fetched while stopping: hand it straight back rather than let its lock run out.
        if (stopping) {
          await engine.unlockExternal(raw.id!).catch(() => undefined);
          continue;
        }
        const p = run(raw).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
    }
  }

  const looping = loop();
  return {
    workerId,
    topics: definitions.map((d) => d.topic),
    /** Stops fetching, waits for tasks in flight (up to timeoutMs); the rest are left to their locks. */
    async close(timeoutMs = config.WORKER_SHUTDOWN_TIMEOUT_MS) {
      stopping = true;
      const settled = Promise.all([looping, ...inFlight]);
      await Promise.race([settled, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    },
  };
}

export type Workers = ReturnType<typeof startWorkers>;
