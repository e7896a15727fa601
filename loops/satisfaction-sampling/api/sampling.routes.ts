import { z } from 'zod';
import { MONTH_PATTERN } from '../../../lib/assessment-period';
import { routesOf } from '../../../api/src/http/define-route';
import type { SamplingService } from './sampling.service';
import { drawAnswer, drawsAnswer, previewAnswer, replayAnswer, satisfactionAnswer } from './sampling.answers';

const period = z.string().regex(MONTH_PATTERN);
const seed = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z_-]{1,64}$/);
const policy = {
  share: z.number().gt(0).max(1).optional(),
  minPerUnit: z.number().int().min(0).max(1000).optional(),
};
const drawBody = z.strictObject({ period, seed: seed.optional(), ...policy });
const previewBody = z.strictObject({ period, seed, ...policy });
const idParam = z.object({ id: z.string().min(1).max(40) });
const satisfactionQuery = z.object({ period, level: z.enum(['STREET', 'COMMUNITY']).optional() });

const route = routesOf<SamplingService>('sampling');

/** 民调: the district centre draws a month (and checks a draw by its seed); results by unit within scope. */
export const samplingRoutes = [
  route({
    method: 'post',
    path: '/api/sampling/preview',
    summary: '抽样预览 The cases a seed would draw (nothing written)',
    access: ['create', 'SamplingDraw'],
    body: previewBody,
    answer: previewAnswer,
    handler: (sampling, { body }) => sampling.preview(body),
  }),
  route({
    method: 'post',
    path: '/api/sampling/draws',
    summary: '月度抽样 Draw the month and start the calls',
    access: ['create', 'SamplingDraw'],
    body: drawBody,
    answer: drawAnswer,
    status: 201,
    handler: (sampling, { body, who }) => sampling.draw(body, who.user.id),
  }),
  route({
    method: 'get',
    path: '/api/sampling/draws',
    summary: '抽样记录 The draws, newest first',
    access: ['read', 'SamplingDraw'],
    answer: drawsAnswer,
    handler: (sampling) => sampling.list(),
  }),
  route({
    method: 'get',
    path: '/api/sampling/draws/:id',
    summary: '抽样明细 A draw and its cases within scope',
    access: ['read', 'SamplingDraw'],
    params: idParam,
    answer: drawAnswer,
    handler: (sampling, { params, who }) => sampling.read(params.id, who),
  }),
  route({
    method: 'post',
    path: '/api/sampling/draws/:id/replay',
    summary: '复核抽样 Draw again with the recorded seed and compare',
    access: ['create', 'SamplingDraw'],
    params: idParam,
    answer: replayAnswer,
    handler: (sampling, { params }) => sampling.replay(params.id),
  }),
  route({
    method: 'get',
    path: '/api/sampling/satisfaction',
    summary: '群众满意率 Survey and handler satisfaction by unit for a month',
    access: ['read', 'SamplingDraw'],
    query: satisfactionQuery,
    answer: satisfactionAnswer,
    handler: (sampling, { query, who }) => sampling.satisfaction(query.period, query.level, who),
  }),
];
