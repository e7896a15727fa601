import { z } from 'zod';
import { routesOf } from '../../http/define-route';
import type { InboxService } from './inbox.service';
import {
  formAnswer,
  inboxAnswer,
  inboxTaskRow,
  processNamesAnswer,
  receivedAnswer,
  shareAnswer,
  signAnswer,
  cancelCosignAnswer,
  permitAnswer,
  stepsAnswer,
  taskAnswer,
} from './inbox.answers';

const listQuery = z.object({
  view: z.enum(['todo', 'done']).default('todo'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(['dueDate', 'createdAt', 'completedAt', 'priority']).default('dueDate'),
  order: z.enum(['asc', 'desc']).default('asc'),
  process: z.string().max(100).optional(),
  category: z.string().max(50).optional(),
  unit: z.string().max(50).optional(),
  /** A step of a diagram by its element id (处置 = handle). */
  step: z
    .string()
    .regex(/^[A-Za-z][\w-]{0,63}$/)
    .optional(),
  /**
   * 待办's quick views: all one may act on, 我的 (claimed or delegated by me), 本单位, 委派给我,
   * or 辖区 (everything one may read: a supervisor's area, to follow).
   */
  scope: z.enum(['all', 'mine', 'unit', 'delegated', 'area']).default('all'),
  overdue: z
    .enum(['true', 'false', 'onTime', 'yellow', 'red'])
    .transform((v) => (v === 'true' ? true : v === 'false' ? false : v))
    .optional(),
});

/** An engine task id (a UUID). */
const keyParam = z.object({ key: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });
const completeBody = z.object({ variables: z.record(z.string().min(1).max(100), z.unknown()).default({}) });

const reason = z.string().trim().min(1).max(1000);
const actionBodies = {
  return: z.object({ reason }),
  transfer: z.object({ unitId: z.string().trim().min(1).max(50), reason }),
  extension: z.object({ days: z.number().int().min(1).max(30), reason }),
} as const;

const delegateBody = z.object({
  userId: z.string().trim().min(1).max(40),
  reason: z.string().trim().max(1000).optional(),
});
const resolveBody = z.object({ result: reason });
const shareBody = z.object({
  userIds: z.array(z.string().trim().min(1).max(40)).min(1).max(20),
  note: z.string().trim().max(1000).optional(),
});
const signBody = z.object({ opinion: reason });
const permitBody = z.strictObject({ userId: z.string().trim().min(1).max(40), reason });
const receivedQuery = z.object({
  kind: z.enum(['COPY', 'COSIGN']).default('COPY'),
  state: z.enum(['open', 'done', 'all']).default('all'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const route = routesOf<InboxService>('inbox');
const params = keyParam;

/** The caller's task inbox; every action is checked against their ability on the task inside the service. */
export const inboxRoutes = [
  route({
    method: 'get',
    path: '/api/process-names',
    summary: '流程名称 Process names',
    access: ['read', 'ProcessDefinition'],
    answer: processNamesAnswer,
    handler: (inbox, { who }) => inbox.processNames(who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/delegate',
    summary: '委派 Delegate to a colleague',
    access: 'signed-in',
    params,
    body: delegateBody,
    answer: inboxTaskRow,
    handler: (inbox, { params: { key }, body, who }) => inbox.delegate(key, body, who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/recall',
    summary: '收回委派 Take a delegated task back',
    access: 'signed-in',
    params,
    answer: inboxTaskRow,
    handler: (inbox, { params: { key }, who }) => inbox.recall(key, who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/resolve',
    summary: '委派交回 Give a delegated task back',
    access: 'signed-in',
    params,
    body: resolveBody,
    answer: inboxTaskRow,
    handler: (inbox, { params: { key }, body, who }) => inbox.resolve(key, body.result, who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/copy',
    summary: '抄送 Copy to people for reading',
    access: 'signed-in',
    params,
    body: shareBody,
    answer: shareAnswer,
    handler: (inbox, { params: { key }, body, who }) => inbox.copy(key, body, who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/cosign',
    summary: '加签 Ask colleagues to co-sign before completing',
    access: 'signed-in',
    params,
    body: shareBody,
    answer: shareAnswer,
    handler: (inbox, { params: { key }, body, who }) => inbox.cosign(key, body, who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/cosign/cancel',
    summary: '撤销加签 Take back a co-signing nobody has done',
    access: 'signed-in',
    params,
    answer: cancelCosignAnswer,
    handler: (inbox, { params: { key }, who }) => inbox.cancelCosign(key, who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/sign',
    summary: '会签 Co-sign with an opinion',
    access: 'signed-in',
    params,
    body: signBody,
    answer: signAnswer,
    handler: (inbox, { params: { key }, body, who }) => inbox.sign(key, body.opinion, who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/permit',
    summary: '准予例外 Allow a person four eyes bar to do this task',
    // The loop's roles and the caller's area are checked on the task inside the service.
    access: ['permit', 'InboxTask'],
    params,
    body: permitBody,
    answer: permitAnswer,
    handler: (inbox, { params: { key }, body, who }) => inbox.permit(key, body, who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/withdraw',
    summary: '撤回 Take a completed step back while the next is unclaimed',
    access: 'signed-in',
    params,
    answer: inboxTaskRow,
    handler: (inbox, { params: { key }, who }) => inbox.withdraw(key, who),
  }),
  route({
    method: 'get',
    path: '/api/inbox/shared',
    summary: '抄送我的/待我会签 Shared with me',
    access: 'signed-in',
    query: receivedQuery,
    answer: receivedAnswer,
    handler: (inbox, { query, who }) => inbox.received(query, who),
  }),
  route({
    method: 'get',
    path: '/api/tasks/:key/form',
    summary: '任务表单 Task form',
    access: 'signed-in',
    params,
    answer: formAnswer,
    handler: (inbox, { params: { key }, who }) => inbox.form(key, who),
  }),
  route({
    method: 'get',
    path: '/api/inbox',
    summary: '待办/已办 Inbox',
    access: 'signed-in',
    query: listQuery,
    answer: inboxAnswer,
    handler: (inbox, { query, who }) => inbox.list(query, who),
  }),
  route({
    method: 'get',
    path: '/api/inbox/steps',
    summary: '待办环节 Steps in the inbox',
    access: 'signed-in',
    answer: stepsAnswer,
    handler: (inbox, { who }) => inbox.steps(who),
  }),
  route({
    method: 'get',
    path: '/api/tasks/:key',
    summary: '任务 Task',
    access: 'signed-in',
    params,
    answer: taskAnswer,
    handler: (inbox, { params: { key }, who }) => inbox.get(key, who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/claim',
    summary: '签收 Claim',
    access: 'signed-in',
    params,
    answer: inboxTaskRow,
    handler: (inbox, { params: { key }, who }) => inbox.claim(key, who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/unclaim',
    summary: '取消签收 Unclaim',
    access: 'signed-in',
    params,
    answer: inboxTaskRow,
    handler: (inbox, { params: { key }, who }) => inbox.unclaim(key, who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/complete',
    summary: '办理完成 Complete',
    access: 'signed-in',
    params,
    body: completeBody,
    answer: inboxTaskRow,
    handler: (inbox, { params: { key }, body, who }) => inbox.complete(key, body.variables, who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/return',
    summary: '退回 Return',
    access: 'signed-in',
    params,
    body: actionBodies.return,
    answer: inboxTaskRow,
    handler: (inbox, { params: { key }, body, who }) => inbox.act(key, { action: 'return', ...body }, who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/transfer',
    summary: '转办 Transfer',
    access: 'signed-in',
    params,
    body: actionBodies.transfer,
    answer: inboxTaskRow,
    handler: (inbox, { params: { key }, body, who }) => inbox.act(key, { action: 'transfer', ...body }, who),
  }),
  route({
    method: 'post',
    path: '/api/tasks/:key/extension',
    summary: '申请延期 Ask for more time',
    access: 'signed-in',
    params,
    body: actionBodies.extension,
    answer: inboxTaskRow,
    handler: (inbox, { params: { key }, body, who }) => inbox.act(key, { action: 'extension', ...body }, who),
  }),
];
