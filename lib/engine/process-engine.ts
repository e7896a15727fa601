/**
 * Zhizhi's one door to the process engine (Operaton, the Camunda 7 REST API): deployments,
 * instances, messages, user tasks, external tasks, history, jobs and decisions. Typed by
 * engine-rest.d.ts (generated, scripts/engine-types.sh); every other module talks to this.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './engine-rest';
import { fromEngineVariables, toEngineVariables, type Variables } from './variables';

export type Schemas = components['schemas'];
export type EngineTask = Schemas['TaskDto'];
export type ExternalTask = Schemas['LockedExternalTaskDto'];

export interface EngineConfig {
  ENGINE_REST_URL: string;
  ENGINE_USER: string;
  ENGINE_PASSWORD: string;
  /** Per request; a long poll adds its own wait on top. */
  ENGINE_TIMEOUT_MS?: number;
}

/** One fault the engine found in what it was given, at the element it names when it names one. */
export interface EngineProblem {
  elementId?: string;
  message: string;
}

/**
 * Faults the engine answers with a 500 although the request caused them: an expression it cannot
 * parse (ENGINE-01009), or one that reads a variable the request did not give.
 */
const REQUEST_FAULT_500 =
  /^ENGINE-01009\b|Unknown property used in expression|Cannot resolve identifier|condition script returns null/;

/** The engine answered with an error: `status` and its exception `type` say what. */
export class EngineError extends Error {
  constructor(
    readonly status: number,
    readonly type: string | undefined,
    message: string,
    /** The faults a ParseException lists, each with its element. */
    readonly problems: EngineProblem[] = [],
  ) {
    super(message);
  }

  /**
   * Whether the engine refused what it was asked (a diagram it cannot parse, an expression, a
   * variable, a key it does not know): the asker's fault, not the engine's. The rest of the
   * engine's errors (5xx) are its own failures.
   */
  get refused(): boolean {
    return (this.status >= 400 && this.status < 500) || REQUEST_FAULT_500.test(this.message);
  }
}

type ParseDetails = Record<string, { errors?: { message?: string; mainElementId?: string }[] }>;

/** A ParseException's faults, from its `details` (one entry per resource of the deployment). */
const problemsOf = (details: ParseDetails | undefined): EngineProblem[] =>
  Object.values(details ?? {}).flatMap((resource) =>
    (resource.errors ?? []).map((e) => ({
      ...(e.mainElementId ? { elementId: e.mainElementId } : {}),
      message: e.message ?? '',
    })),
  );

/** The engine did not answer (down, unreachable, timed out). */
export class EngineUnavailableError extends Error {}

type Result<T> = { data?: T; error?: unknown; response: Response };

export function createProcessEngine(config: EngineConfig) {
  const auth = Buffer.from(`${config.ENGINE_USER}:${config.ENGINE_PASSWORD}`).toString('base64');
  const timeoutMs = config.ENGINE_TIMEOUT_MS ?? 30_000;
  const baseUrl = config.ENGINE_REST_URL.replace(/\/$/, '');
  const client = createClient<paths>({ baseUrl, headers: { Authorization: `Basic ${auth}` } });

  /** Unwraps a REST call: data on 2xx, EngineError otherwise, EngineUnavailableError on no answer. */
  async function call<T>(request: (signal: AbortSignal) => Promise<Result<T>>, extraMs = 0): Promise<T> {
    let result: Result<T>;
    try {
      result = await request(AbortSignal.timeout(timeoutMs + extraMs));
    } catch (err) {
      throw new EngineUnavailableError(`engine unreachable: ${(err as Error).message}`);
    }
    if (result.response.ok) return result.data as T;
    const body = (result.error ?? {}) as { type?: string; message?: string; details?: ParseDetails };
    throw new EngineError(
      result.response.status,
      body.type,
      body.message ?? `engine answered ${result.response.status}`,
      problemsOf(body.details),
    );
  }

  const withId = (id: string) => ({ params: { path: { id } } });

  return {
    /**
     * One deployment of several resources (a diagram with its forms, or a decision). Duplicate
     * filtering skips a deployment whose resources all equal the last one of that name; when one
     * changed, all are deployed again together, which `formRefBinding="deployment"` needs (a
     * process version finds its forms only in its own deployment).
     */
    deploy: (name: string, resources: { name: string; content: string | Buffer }[], source = 'zhizhi') => {
      const form = new FormData();
      form.append('deployment-name', name);
      form.append('deployment-source', source);
      form.append('enable-duplicate-filtering', 'true');
      for (const r of resources)
        form.append(
          r.name,
          new Blob([typeof r.content === 'string' ? r.content : new Uint8Array(r.content)]),
          r.name,
        );
      return call<Schemas['DeploymentWithDefinitionsDto']>(
        (signal) =>
          client.POST('/deployment/create', {
            body: {} as never,
            bodySerializer: () => form,
            signal,
          }) as Promise<Result<Schemas['DeploymentWithDefinitionsDto']>>,
      );
    },

    startProcess: (processKey: string, variables: Variables, businessKey?: string) =>
      call((signal) =>
        client.POST('/process-definition/key/{key}/start', {
          params: { path: { key: processKey } },
          body: { variables: toEngineVariables(variables), businessKey },
          signal,
        }),
      ),

    /** Starts an instance of one version (the one whose start form and starters were checked). */
    startProcessVersion: (processDefinitionId: string, variables: Variables) =>
      call((signal) =>
        client.POST('/process-definition/{id}/start', {
          ...withId(processDefinitionId),
          body: { variables: toEngineVariables(variables) },
          signal,
        }),
      ),

    /** Delivers a message to one waiting instance; EngineError 400 when it waits for none. */
    correlateMessage: (messageName: string, processInstanceId: string, variables: Variables = {}) =>
      call((signal) =>
        client.POST('/message', {
          body: {
            messageName,
            processInstanceId,
            processVariables: toEngineVariables(variables),
            withoutTenantId: false,
            all: false,
            resultEnabled: false,
            variablesInResultEnabled: false,
          },
          signal,
        }),
      ),

    /** Starts a process at its message start event; the new instance's id. */
    startByMessage: async (messageName: string, variables: Variables) => {
      const results = await call((signal) =>
        client.POST('/message', {
          body: {
            messageName,
            processVariables: toEngineVariables(variables),
            withoutTenantId: false,
            all: false,
            resultEnabled: true,
            variablesInResultEnabled: false,
          },
          signal,
        }),
      );
      const id = (results as { processInstance?: { id?: string } }[] | undefined)?.[0]?.processInstance?.id;
      if (!id) throw new EngineError(500, undefined, `message ${messageName} started no instance`);
      return id;
    },

    /** Message subscriptions of an instance (what it waits for now). */
    eventSubscriptions: (processInstanceId: string, eventName?: string) =>
      call((signal) =>
        client.GET('/event-subscription', {
          params: { query: { processInstanceId, eventName, eventType: 'message' } },
          signal,
        }),
      ),

    /** Cancels an instance (an admin's act; its open tasks end as deleted). */
    deleteProcessInstance: (id: string) =>
      call((signal) => client.DELETE('/process-instance/{id}', { ...withId(id), signal })),

    /**
     * Moves an instance's tokens (撤回: start a step again, then cancel the steps it led to); the
     * instructions run in order, so the start comes first and the instance never ends between.
     */
    modifyInstance: (id: string, body: Schemas['ProcessInstanceModificationDto']) =>
      call((signal) => client.POST('/process-instance/{id}/modification', { ...withId(id), body, signal })),

    processInstance: (id: string) =>
      call((signal) => client.GET('/process-instance/{id}', { ...withId(id), signal })),

    processVariables: async (processInstanceId: string) =>
      fromEngineVariables(
        await call((signal) =>
          client.GET('/process-instance/{id}/variables', {
            params: { path: { id: processInstanceId }, query: { deserializeValues: false } },
            signal,
          }),
        ),
      ),

    /** Sets (overwrites) process-scope variables of a running instance. */
    setVariables: (processInstanceId: string, variables: Variables) =>
      call((signal) =>
        client.POST('/process-instance/{id}/variables', {
          ...withId(processInstanceId),
          body: { modifications: toEngineVariables(variables) },
          signal,
        }),
      ),

    /** Process-scope variables of many instances in one call. */
    variablesOf: (processInstanceIds: string[]) =>
      call((signal) =>
        client.POST('/variable-instance', {
          params: { query: { deserializeValues: false } },
          body: { processInstanceIdIn: processInstanceIds },
          signal,
        }),
      ),

    // ---- user tasks ----
    task: (id: string) => call((signal) => client.GET('/task/{id}', { ...withId(id), signal })),
    /** Open tasks by any of the query's criteria (the generated type marks every flag required; none is). */
    tasks: (query: Partial<Schemas['TaskQueryDto']>) =>
      call((signal) => client.POST('/task', { body: query as Schemas['TaskQueryDto'], signal })),
    identityLinks: (id: string) =>
      call((signal) => client.GET('/task/{id}/identity-links', { ...withId(id), signal })),
    /** Offers a task to one more candidate group (`unit:<orgId>`): the feed moves its inbox row. */
    addCandidateGroup: (id: string, groupId: string) =>
      call((signal) =>
        client.POST('/task/{id}/identity-links', {
          ...withId(id),
          body: { groupId, type: 'candidate' },
          signal,
        }),
      ),
    removeCandidateGroup: (id: string, groupId: string) =>
      call((signal) =>
        client.POST('/task/{id}/identity-links/delete', {
          ...withId(id),
          body: { groupId, type: 'candidate' },
          signal,
        }),
      ),
    claim: (id: string, userId: string) =>
      call((signal) => client.POST('/task/{id}/claim', { ...withId(id), body: { userId }, signal })),
    unclaim: (id: string) => call((signal) => client.POST('/task/{id}/unclaim', { ...withId(id), signal })),
    setAssignee: (id: string, userId: string | null) =>
      call((signal) =>
        client.POST('/task/{id}/assignee', { ...withId(id), body: { userId: userId as string }, signal }),
      ),
    delegate: (id: string, userId: string) =>
      call((signal) => client.POST('/task/{id}/delegate', { ...withId(id), body: { userId }, signal })),
    resolve: (id: string, variables: Variables = {}) =>
      call((signal) =>
        client.POST('/task/{id}/resolve', {
          ...withId(id),
          body: { variables: toEngineVariables(variables), withVariablesInReturn: false },
          signal,
        }),
      ),
    /**
     * The task given to `userId` and completed in one engine transaction, one call instead of
     * three (engine/TaskCompletion.java, Zhizhi's own resource): the engine records who held the
     * step, which four eyes reads. 404 when the task is gone.
     */
    completeAs: (id: string, userId: string, variables: Variables) =>
      call<void>(async (signal) => {
        const response = await fetch(`${baseUrl}/zhizhi/task/${encodeURIComponent(id)}/complete-as`, {
          method: 'POST',
          headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ userId, variables: toEngineVariables(variables) }),
          signal,
        });
        return response.ok ? { response } : { response, error: await response.json().catch(() => ({})) };
      }),
    complete: (id: string, variables: Variables) =>
      call((signal) =>
        client.POST('/task/{id}/complete', {
          ...withId(id),
          body: { variables: toEngineVariables(variables), withVariablesInReturn: false },
          signal,
        }),
      ),
    /**
     * Replaces the whole task (priority, due date …): read it first and send it back changed. The
     * form reference is the task definition's and the engine refuses it back (400 with no message).
     */
    updateTask: (id: string, task: Schemas['TaskDto']) => {
      const body = { ...task };
      delete body.operatonFormRef;
      return call((signal) => client.PUT('/task/{id}', { ...withId(id), body, signal }));
    },
    deployedForm: (id: string) =>
      call((signal) => client.GET('/task/{id}/deployed-form', { ...withId(id), parseAs: 'json', signal })),
    /** The Camunda Form of a version's start event, as deployed with it. */
    deployedStartForm: (processDefinitionId: string) =>
      call((signal) =>
        client.GET('/process-definition/{id}/deployed-start-form', {
          ...withId(processDefinitionId),
          parseAs: 'json',
          signal,
        }),
      ),

    // ---- external tasks ----
    fetchAndLock: (body: Schemas['FetchExternalTasksDto'], longPollMs = 0) =>
      call((signal) => client.POST('/external-task/fetchAndLock', { body, signal }), longPollMs),
    completeExternal: (id: string, workerId: string, variables: Variables) =>
      call((signal) =>
        client.POST('/external-task/{id}/complete', {
          ...withId(id),
          body: { workerId, variables: toEngineVariables(variables) },
          signal,
        }),
      ),
    failExternal: (id: string, body: Schemas['ExternalTaskFailureDto']) =>
      call((signal) => client.POST('/external-task/{id}/failure', { ...withId(id), body, signal })),
    bpmnErrorExternal: (id: string, workerId: string, errorCode: string, errorMessage: string) =>
      call((signal) =>
        client.POST('/external-task/{id}/bpmnError', {
          ...withId(id),
          body: { workerId, errorCode, errorMessage },
          signal,
        }),
      ),
    /** Gives a failed external task (an incident) new retries, after someone fixed its cause. */
    retryExternal: (id: string, retries = 1) =>
      call((signal) =>
        client.PUT('/external-task/{id}/retries', { ...withId(id), body: { retries }, signal }),
      ),
    externalTasks: (processInstanceId: string) =>
      call((signal) => client.GET('/external-task', { params: { query: { processInstanceId } }, signal })),
    unlockExternal: (id: string) =>
      call((signal) => client.POST('/external-task/{id}/unlock', { ...withId(id), signal })),

    // ---- history, jobs, decisions, definitions ----
    activityHistory: (processInstanceId: string) =>
      call((signal) =>
        client.GET('/history/activity-instance', {
          params: { query: { processInstanceId, sortBy: 'startTime', sortOrder: 'asc' } },
          signal,
        }),
      ),
    /** Activity instances across processes (e.g. every run of one activity of one definition). */
    activityInstances: (query: paths['/history/activity-instance']['get']['parameters']['query']) =>
      call((signal) => client.GET('/history/activity-instance', { params: { query }, signal })),
    historicProcessInstance: (id: string) =>
      call((signal) => client.GET('/history/process-instance/{id}', { ...withId(id), signal })),
    historicProcessInstances: (query: paths['/history/process-instance']['get']['parameters']['query']) =>
      call((signal) => client.GET('/history/process-instance', { params: { query }, signal })),
    /** The last values of an instance's variables from history (also once it has ended). */
    historicVariables: async (processInstanceId: string) =>
      Object.fromEntries(
        (
          await call((signal) =>
            client.GET('/history/variable-instance', {
              params: { query: { processInstanceId, deserializeValues: false } },
              signal,
            }),
          )
        ).map((v) => [v.name ?? '', v.value ?? null]),
      ),
    /** Ended tasks of one element of an instance, the last ended first. */
    finishedTasks: (processInstanceId: string, taskDefinitionKey: string) =>
      call((signal) =>
        client.GET('/history/task', {
          params: {
            query: {
              processInstanceId,
              taskDefinitionKey,
              finished: true,
              sortBy: 'endTime',
              sortOrder: 'desc',
            },
          },
          signal,
        }),
      ),
    historicTask: async (taskId: string) =>
      (await call((signal) => client.GET('/history/task', { params: { query: { taskId } }, signal })))[0],
    jobs: (query: paths['/job']['get']['parameters']['query']) =>
      call((signal) => client.GET('/job', { params: { query }, signal })),
    /** The job log: each job's creation and every run, with the node that ran it (`hostname`). */
    jobLog: (query: paths['/history/job-log']['get']['parameters']['query']) =>
      call((signal) => client.GET('/history/job-log', { params: { query }, signal })),
    executeJob: (id: string) => call((signal) => client.POST('/job/{id}/execute', { ...withId(id), signal })),
    incidents: (processInstanceId: string) =>
      call((signal) => client.GET('/incident', { params: { query: { processInstanceId } }, signal })),
    evaluateDecision: (key: string, variables: Variables) =>
      call((signal) =>
        client.POST('/decision-definition/key/{key}/evaluate', {
          params: { path: { key } },
          body: { variables: toEngineVariables(variables) },
          signal,
        }),
      ),
    processDefinitions: (query: paths['/process-definition']['get']['parameters']['query']) =>
      call((signal) => client.GET('/process-definition', { params: { query }, signal })),
    /** Recorded evaluations of decisions (history level full): inputs, outputs and the rules they hit. */
    decisionHistory: (query: paths['/history/decision-instance']['get']['parameters']['query']) =>
      call((signal) => client.GET('/history/decision-instance', { params: { query }, signal })),
    decisionXml: async (id: string) =>
      (await call((signal) => client.GET('/decision-definition/{id}/xml', { ...withId(id), signal })))
        .dmnXml ?? '',
    /** Removes a deployment with what ran on it (a 试算's draft, deployed only to be evaluated). */
    deleteDeployment: (id: string) =>
      call((signal) =>
        client.DELETE('/deployment/{id}', { params: { path: { id }, query: { cascade: true } }, signal }),
      ),
    decisionDefinitions: (query: paths['/decision-definition']['get']['parameters']['query']) =>
      call((signal) => client.GET('/decision-definition', { params: { query }, signal })),
    processDefinitionXml: async (id: string) =>
      (await call((signal) => client.GET('/process-definition/{id}/xml', { ...withId(id), signal })))
        .bpmn20Xml ?? '',
    /** The Camunda Forms (`.form` resources) deployed with a version, as deployed. */
    deployedForms: async (processDefinitionId: string) => {
      const definition = await call((signal) =>
        client.GET('/process-definition/{id}', { ...withId(processDefinitionId), signal }),
      );
      const id = definition.deploymentId ?? '';
      const resources = await call((signal) =>
        client.GET('/deployment/{id}/resources', { ...withId(id), signal }),
      );
      return Promise.all(
        resources
          .filter((r) => r.name?.endsWith('.form'))
          .map(async (r) => ({
            name: r.name!,
            content: await call((signal) =>
              client.GET('/deployment/{id}/resources/{resourceId}/data', {
                params: { path: { id, resourceId: r.id! } },
                parseAs: 'text',
                signal,
              }),
            ),
          })),
      );
    },
    /** Running instances per version of a process. */
    instanceCount: async (processDefinitionId: string) =>
      (
        await call((signal) =>
          client.GET('/process-instance/count', { params: { query: { processDefinitionId } }, signal }),
        )
      ).count ?? 0,
    /** An authenticated call that proves the engine is up and our credentials work. */
    ping: () => call((signal) => client.GET('/process-definition/count', { signal })),
  };
}

export type ProcessEngine = ReturnType<typeof createProcessEngine>;
export { engineDate, fromEngineVariables, VariableTypeError, type Variables } from './variables';
