/** What the event-handling suites do again and again through the API, as a user would. */
import type { Agent } from 'supertest';
import { demoBoundary } from '../prisma/seed';
import { eventually } from './harness';

export type InboxRow = {
  key: string;
  elementId: string;
  orgId?: string | null;
  variables: { eventId: string };
};

/** The open event-handling task at `elementId` of an event, once the projection has it in the agent's 待办. */
export const taskFor = <T extends InboxRow = InboxRow>(
  agent: Agent,
  eventId: string,
  elementId: string,
  query: Record<string, string> = {},
  timeoutMs?: number,
) =>
  eventually(async () => {
    const res = await agent
      .get('/api/inbox')
      .query({ process: 'event-handling', pageSize: 100, ...query })
      .expect(200);
    return (res.body.items as T[]).find((t) => t.variables.eventId === eventId && t.elementId === elementId);
  }, timeoutMs);

/** A grid member reports an event in 海旺社区第1网格 (fields can be overridden); returns the created event. */
export const reportEvent = async (agent: Agent, fields: Record<string, unknown> = {}) =>
  (
    await agent
      .post('/api/events')
      .send({
        category: 'environment',
        urgency: 'NORMAL',
        gridId: 'BA-XA-C01-G01',
        address: '海旺社区 8 栋',
        description: '绿化带垃圾',
        ...fields,
      })
      .expect(201)
  ).body as { id: string; caseNo: string };

/** The grid completes 处置 with 本级无法解决, so the case moves up to the community. */
export async function escalateFromGrid(member: Agent, eventId: string) {
  const atGrid = await taskFor(member, eventId, 'handle');
  await member
    .post(`/api/tasks/${atGrid.key}/complete`)
    .send({ variables: { outcome: 'cannotResolve', reason: '需社区协调' } })
    .expect(200);
}

/** A point inside a demo grid's generated boundary (the mean of its vertices), WGS-84. */
export function pointIn(gridId: string) {
  const ring = demoBoundary(gridId).coordinates[0].slice(0, -1);
  return {
    latitude: ring.reduce((n, [, lat]) => n + lat, 0) / ring.length,
    longitude: ring.reduce((n, [lng]) => n + lng, 0) / ring.length,
  };
}
