/**
 * What the four-eyes suites (API and browser) set up through the API: a community of their own with
 * its staff, and a dispute one of them mediated to an agreement, whose 履行回访 is then open.
 */
import type { Agent } from 'supertest';
import { eventually, type createTestStack } from './harness';

type Stack = ReturnType<typeof createTestStack>;
export type Staff = { id: string; agent: Agent };

/**
 * A community under 新安街道 with staff members of its own (display names `<name><who>`), each
 * signed in: who is alone in a unit then depends on the suite only.
 */
export async function communityWithStaff(stack: Stack, name: string, staff: string[]) {
  const run = Date.now().toString(36).slice(-6).toUpperCase();
  const id = `BA-XA-E${run}${name}`;
  await stack.prisma.org.create({
    data: { id, name: `四眼测试社区${name}`, type: 'COMMUNITY', parentId: 'BA-XA', path: `/BA/BA-XA/${id}/` },
  });
  const people: Staff[] = [];
  for (const who of staff)
    people.push(
      await stack.userAs(`eyes.${run}.${name}.${who}`.toLowerCase(), id, ['STAFF'], `${name}${who}`),
    );
  return { id, people };
}

/** A dispute `staff` registers in `communityId` and mediates to an agreement; its open 履行回访. */
export async function settledDispute(stack: Stack, staff: Staff, communityId: string) {
  const { id } = (
    await staff.agent
      .post('/api/disputes')
      .send({
        type: 'neighbour',
        amount: 800,
        summary: '四眼测试：楼道堆物纠纷',
        communityId,
        mediatorId: staff.id,
        parties: [{ name: '王五' }, { name: '赵六' }],
        risk: { level: 'LOW', reasons: [] },
      })
      .expect(201)
  ).body as { id: string };
  // The agreement is taken once 调解 waits for it.
  await eventually(async () =>
    (
      await stack.engine.tasks({
        processInstanceId: await instanceOf(stack, id),
        taskDefinitionKey: 'mediate',
      })
    ).length
      ? true
      : undefined,
  );
  await staff.agent
    .post(`/api/disputes/${id}/agreement`)
    .send({ terms: '王五三日内清走杂物', signedAt: new Date().toISOString(), signatures: ['王五', '赵六'] })
    .expect(201);
  const visit = await eventually(() =>
    stack.prisma.inboxTask
      .findFirst({ where: { elementId: 'return-visit', caseId: id, state: 'OPEN' } })
      .then((t) => t ?? undefined),
  );
  return { id, visit };
}

const instanceOf = async (stack: Stack, disputeId: string) =>
  (await stack.prisma.dispute.findUniqueOrThrow({ where: { id: disputeId } })).processInstanceId!;
