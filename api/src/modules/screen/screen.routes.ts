import { OrgType } from '@prisma/client';
import { z } from 'zod';
import { routesOf } from '../../http/define-route';
import type { ScreenService } from './screen.service';

const summaryQuery = z.object({ unit: z.string().trim().min(1).max(50).optional() });

const count = z.number();
const summary = z.object({
  unit: z.object({ id: z.string(), name: z.string(), type: z.enum(OrgType) }),
  at: z.string(),
  today: z.object({
    total: count,
    byStatus: z.array(z.object({ status: z.enum(['OPEN', 'ARCHIVED']), count })),
    byCategory: z.array(z.object({ category: z.string(), name: z.string(), count })),
    byLevel: z.array(z.object({ level: z.enum(['DISTRICT', 'STREET', 'COMMUNITY', 'GRID']), count })),
  }),
  open: count,
  overdue: z.object({ yellow: count, red: count }),
  /** The units one level down, last 30 days. */
  ranking: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      reported30: count,
      archived30: count,
      closedRate: z.number().nullable(),
      open: count,
      yellow: count,
      red: count,
    }),
  ),
  trend: z.object({ days: z.array(z.string()), reported: z.array(count), archived: z.array(count) }),
  /** The buildings of the address base most reported at, last 30 days, with their open cases. */
  buildings: z.array(z.object({ id: z.string(), address: z.string(), reported30: count, open: count })),
});

const route = routesOf<ScreenService>('screen');

/** 大屏: the role and the unit's scope are checked in the service. */
export const screenRoutes = [
  route({
    method: 'get',
    path: '/api/screen/summary',
    summary: '大屏汇总（今日、超期、排名、30天趋势） Command-centre summary',
    access: 'signed-in',
    query: summaryQuery,
    answer: summary,
    handler: (screen, { query, who }) => screen.summary(query, who),
  }),
];
