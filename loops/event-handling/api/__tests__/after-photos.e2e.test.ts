/**
 * 处置后照片 through the HTTP API and the real engine: the 处置 form's photo field takes the
 * handler's own uploads for this case and refuses the rest with a 400 naming the field; the
 * photos become the case's attachments tagged by the field, on the case answer and its timeline.
 */
import type { Agent } from 'supertest';
import { suiteStack } from '../../../../test/harness';
import { reportEvent, taskFor } from '../../../../test/events';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1000, 7)]);

describe('处置后照片', () => {
  const stack = suiteStack({ workers: true });
  const upload = async (agent: Agent, name = 'after.jpg') =>
    (
      await agent
        .post('/api/attachments')
        .query({ name })
        .set('Content-Type', 'image/jpeg')
        .send(JPEG)
        .expect(201)
    ).body as { id: string };
  const complete = (agent: Agent, key: string, variables: Record<string, unknown>) =>
    agent.post(`/api/tasks/${key}/complete`).send({ variables });

  it('takes the handler’s own uploads, refuses others’ and another case’s by field, and shows them on the case', async () => {
    const member = await stack.loginAs('grid.hw01');
    const other = await stack.loginAs('grid.hw02');
    const event = await reportEvent(member);
    const handle = await taskFor(member, event.id, 'handle');
    // The deployed 处置 form has the photo field.
    const form = (await member.get(`/api/tasks/${handle.key}/form`).expect(200)).body;
    expect(JSON.stringify(form.schema)).toContain('"type":"filepicker"');

    const field = async (variables: Record<string, unknown>) => {
      const res = await complete(member, handle.key, { outcome: 'resolved', ...variables }).expect(400);
      return (res.body.error.fields as { field: string }[]).map((f) => f.field);
    };
    // Someone else's upload, a made-up id, a photo of another case, a value that is no list.
    expect(await field({ afterPhotos: [(await upload(other)).id] })).toEqual(['variables.afterPhotos']);
    expect(await field({ afterPhotos: ['nope'] })).toEqual(['variables.afterPhotos']);
    const reported = await upload(member, 'report.jpg');
    await reportEvent(member, { attachmentIds: [reported.id] });
    expect(await field({ afterPhotos: [reported.id] })).toEqual(['variables.afterPhotos']);
    expect(await field({ afterPhotos: 'x' })).toEqual(['variables.afterPhotos']);
    // Nothing was completed by a refusal.
    expect((await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: handle.key } })).state).toBe(
      'OPEN',
    );

    const [a, b] = [await upload(member, '清理后1.jpg'), await upload(member, '清理后2.jpg')];
    await complete(member, handle.key, {
      outcome: 'resolved',
      result: '已清理',
      afterPhotos: [a.id, b.id],
    }).expect(200);

    const view = (await member.get(`/api/events/${event.id}`).expect(200)).body;
    expect(view.files).toEqual([
      expect.objectContaining({ id: a.id, name: '清理后1.jpg', field: 'afterPhotos' }),
      expect.objectContaining({ id: b.id, name: '清理后2.jpg', field: 'afterPhotos' }),
    ]);
    const handled = view.timeline.find((e: { action: string }) => e.action === 'completed:handle');
    expect(handled.detail).toMatchObject({ outcome: 'resolved', afterPhotos: [a.id, b.id] });
    // The case’s readers open them, and 核查's task lists them (its community verifies).
    const community = await stack.loginAs('haiwang.staff');
    await community.get(`/api/attachments/${a.id}`).expect(200);
    const verify = await taskFor(community, event.id, 'verify');
    const detail = (await community.get(`/api/tasks/${verify.key}`).expect(200)).body;
    expect(detail.files).toEqual([
      {
        name: '清理后1.jpg',
        url: `/api/attachments/${a.id}`,
        contentType: 'image/jpeg',
        field: 'afterPhotos',
      },
      {
        name: '清理后2.jpg',
        url: `/api/attachments/${b.id}`,
        contentType: 'image/jpeg',
        field: 'afterPhotos',
      },
    ]);
    const task = await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: handle.key } });
    expect(task.state).toBe('COMPLETED');
  });
});
