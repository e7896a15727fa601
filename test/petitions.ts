/** What the petition suites do again and again through the API, as the 信访 office and handlers would. */
import type { Agent } from 'supertest';
import { eventually, freshIdNumber } from './harness';

export type PetitionTask = {
  key: string;
  elementId: string;
  orgId: string | null;
  dueDate: string | null;
  variables: { petitionId: string };
};

/** The open petition task at `elementId`, once the inbox has it in the agent's 待办. */
export const petitionTask = (agent: Agent, petitionId: string, elementId: string) =>
  eventually(async () => {
    const res = await agent.get('/api/inbox').query({ process: 'petition', pageSize: 100 }).expect(200);
    return (res.body.items as PetitionTask[]).find(
      (t) => t.variables.petitionId === petitionId && t.elementId === elementId,
    );
  });

/** A petitioner no other case has (a fresh ID number), so duplicate checks stay within a test. */
export const freshPetitioner = () => ({ name: '张三丰', idNo: freshIdNumber(), phone: '13800138000' });

/** The 信访 office registers a petition (fields can be overridden); returns { id, caseNo, decisionDue }. */
export const registerPetition = async (office: Agent, fields: Record<string, unknown> = {}) =>
  (
    await office
      .post('/api/petitions')
      .send({
        channel: 'VISIT',
        receivedAt: new Date().toISOString(),
        petitioner: freshPetitioner(),
        matter: '小区加装电梯纠纷',
        requests: '请求协调加装电梯',
        attachments: [{ name: '来信.pdf', ref: 'files/2026/letter-001' }],
        ...fields,
      })
      .expect(201)
  ).body as {
    id: string;
    caseNo: string;
    decisionDue: { dueAt: string; countedDate: string; dueDate: string; rolledOver: boolean };
  };

/** Polls the petition (as `agent`) until `ready` holds. */
export const petitionWhen = (agent: Agent, id: string, ready: (p: Record<string, unknown>) => boolean) =>
  eventually(async () => {
    const res = await agent.get(`/api/petitions/${id}`).expect(200);
    return ready(res.body) ? (res.body as Record<string, unknown>) : undefined;
  });
