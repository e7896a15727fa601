import { z } from 'zod';
import { routesOf } from '../../../api/src/http/define-route';
import type { WarningsService } from './warnings.service';
import { evaluatedAnswer, warningAnswer, warningMapAnswer, warningsAnswer } from './warnings.answers';

const listQuery = z.object({
  status: z.enum(['OPEN', 'DISMISSED', 'CASE_OPENED']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
const idParam = z.object({ id: z.string().min(1).max(40) });
const mapQuery = z.object({ unit: z.string().min(1).max(60).optional() });

const route = routesOf<WarningsService>('warnings');

/** 预警: read within the area (and one's unit's 研判); the district centre evaluates on demand. */
export const warningsRoutes = [
  route({
    method: 'get',
    path: '/api/warnings',
    summary: '预警列表 Warnings of my area',
    access: 'signed-in',
    query: listQuery,
    answer: warningsAnswer,
    handler: (warnings, { query, who }) => warnings.list(query, who),
  }),
  route({
    method: 'get',
    path: '/api/warnings/map',
    summary: '预警图层 Open warnings of my area with their place',
    access: 'signed-in',
    query: mapQuery,
    answer: warningMapAnswer,
    handler: (warnings, { query, who }) => warnings.map(query, who),
  }),
  route({
    method: 'get',
    path: '/api/warnings/:id',
    summary: '预警 A warning and the cases behind it',
    access: 'signed-in',
    params: idParam,
    answer: warningAnswer,
    handler: (warnings, { params, who }) => warnings.read(params.id, who),
  }),
  route({
    method: 'post',
    path: '/api/warnings/evaluate',
    summary: '立即研判规则 Evaluate the early-warning rules now',
    access: ['create', 'Warning'],
    answer: evaluatedAnswer,
    handler: (warnings) => warnings.evaluate(),
  }),
];
