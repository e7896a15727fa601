import { z } from 'zod';
import { casePathAnswer, instant, listOf } from '../../http/answers';
import { routesOf } from '../../http/define-route';
import { auditAs } from '../audit/audit.middleware';
import type { GenericProcessService } from './generic-process.service';

/** A process id as Operaton takes it (an XML name: `loanApproval`, `event-handling`). */
const processParam = z.object({ key: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/) });
// A start form's fields; the form's own contract checks each (form-contract.ts).
const startBody = z.object({ variables: z.record(z.string(), z.unknown()).default({}) });

const route = routesOf<GenericProcessService>('processes');

/**
 * 发起: the processes a case worker may start (not the built-in loops, which register their cases
 * on their own pages), their start forms, and the start. Mounted after the designer's routes, so
 * `/api/processes/versions/…` and `/api/processes/decisions/…` stay theirs.
 */
export const genericProcessRoutes = [
  route({
    method: 'get',
    path: '/api/processes/startable',
    summary: '可发起的流程 The processes I may start',
    access: ['start', 'ProcessDefinition'],
    answer: listOf(
      z.object({
        bpmnProcessId: z.string(),
        name: z.string(),
        version: z.number(),
        deployedAt: instant,
        hasStartForm: z.boolean(),
      }),
    ),
    handler: (service, { who }) => service.list(who),
  }),
  route({
    method: 'get',
    path: '/api/processes/:key/start-form',
    summary: '发起表单 The start form of a process I may start',
    access: ['start', 'ProcessDefinition'],
    params: processParam,
    answer: z.object({
      bpmnProcessId: z.string(),
      name: z.string(),
      version: z.number(),
      /** The Camunda Form (form-js schema) as deployed; null when the start event has none. */
      schema: z.record(z.string(), z.unknown()).nullable(),
      /** What the form opens with: the options of its unit and person pickers. */
      data: z.record(z.string(), z.array(z.object({ label: z.string(), value: z.string() }))),
    }),
    handler: (service, { params, who }) => service.form(params.key, who),
  }),
  route({
    method: 'post',
    path: '/api/processes/:key/start',
    summary: '发起流程 Start a process with its start form',
    access: ['start', 'ProcessDefinition'],
    params: processParam,
    // Whether the caller may start it is settled before the form is read.
    before: (service, { params, who }) => service.startable(params.key, who),
    body: startBody,
    answer: z.object({ processInstanceId: z.string(), bpmnProcessId: z.string(), version: z.number() }),
    status: 201,
    handler: async (service, { body, who, prior, ctx }) => {
      const started = await service.start(prior, body.variables, who);
      auditAs(ctx.state, {
        action: 'process.start',
        subjectType: 'ProcessInstance',
        subjectId: started.processInstanceId,
        detail: { bpmnProcessId: started.bpmnProcessId, version: started.version },
      });
      return started;
    },
  }),
  route({
    method: 'get',
    path: '/api/process-instances/:id',
    summary: '流程实例（通用案件页） An instance of a process without a page of its own',
    access: 'signed-in',
    params: z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }),
    answer: casePathAnswer.extend({
      processInstanceId: z.string(),
      name: z.string(),
      state: z.string(),
      startedAt: instant.nullable(),
      endedAt: instant.nullable(),
      initiatorName: z.string().nullable(),
      steps: z.array(
        z.object({
          activityId: z.string(),
          name: z.string(),
          type: z.string(),
          startedAt: instant,
          endedAt: instant.nullable(),
          by: z.string().nullable(),
        }),
      ),
      // Each value under the label its form gave it (null: no form names it).
      variables: z.array(z.object({ name: z.string(), label: z.string().nullable(), value: z.string().nullable() })),
      openSteps: z.array(
        z.object({
          key: z.string(),
          name: z.string(),
          dueDate: instant.nullable(),
          unitName: z.string().nullable(),
          assigneeName: z.string().nullable(),
        }),
      ),
    }),
    handler: (service, { params, who, ctx }) => service.instance(params.id, who, ctx.ip),
  }),
];
