import { z } from 'zod';
import { CaseKind } from '@prisma/client';
import { routesOf } from '../../http/define-route';
import {
  batchAnswer,
  cardAnswer,
  cardsAnswer,
  overdueAnswer,
  overdueTasksAnswer,
} from './supervision.answers';
import type { SupervisionService } from './supervision.service';

const unit = z.string().trim().min(1).max(50).optional();
const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
const overdueQuery = z.object({ unit });
const tasksQuery = z.object({ unit, level: z.enum(['yellow', 'red', 'all']).default('all'), ...paging });
const cardsQuery = z.object({ unit, ...paging });
/** A case of any loop, as inbox tasks name it (caseKind, caseId). */
const caseRef = {
  caseKind: z.enum(CaseKind),
  caseId: z.string().trim().min(1).max(50),
};
const cardBody = z.object({
  ...caseRef,
  kind: z.enum(['REMIND', 'NORMAL', 'YELLOW', 'RED']),
  reason: z.string().trim().min(1).max(1000),
});

const batchBody = z.object({
  cases: z.array(z.object(caseRef)).min(1).max(100),
  kind: z.enum(['REMIND', 'NORMAL']).default('REMIND'),
  reason: z.string().trim().min(1).max(1000),
});

const route = routesOf<SupervisionService>('supervision');

/** Supervisors' views of their subtree and 督办/催办; the role and the unit's scope are checked in the service. */
export const supervisionRoutes = [
  route({
    method: 'get',
    path: '/api/supervision/overdue',
    summary: '超期统计（按单位、按时长） Overdue work by unit and age',
    access: 'signed-in',
    query: overdueQuery,
    answer: overdueAnswer,
    handler: (supervision, { query, who }) => supervision.overdue(query, who),
  }),
  route({
    method: 'get',
    path: '/api/supervision/overdue/tasks',
    summary: '超期任务明细 Overdue tasks',
    access: 'signed-in',
    query: tasksQuery,
    answer: overdueTasksAnswer,
    handler: (supervision, { query, who }) => supervision.overdueTasks(query, who),
  }),
  route({
    method: 'get',
    path: '/api/supervision/cards',
    summary: '督办记录 Supervision cards',
    access: 'signed-in',
    query: cardsQuery,
    answer: cardsAnswer,
    handler: (supervision, { query, who }) => supervision.cards(query, who),
  }),
  route({
    method: 'post',
    path: '/api/supervision/cards',
    summary: '督办/催办 Issue a card or reminder',
    access: 'signed-in',
    body: cardBody,
    answer: cardAnswer,
    status: 201,
    handler: (supervision, { body, who }) => supervision.issue(body, who),
  }),
  route({
    method: 'post',
    path: '/api/supervision/cards/batch',
    summary: '批量催办/督办（逐案结果） Remind or supervise many cases, with one result per case',
    access: 'signed-in',
    body: batchBody,
    answer: batchAnswer,
    handler: (supervision, { body, who }) => supervision.issueBatch(body, who),
  }),
];
