/**
 * The form editor's API against the real engine: the forms a version deployed with, an edited
 * form deployed with its diagram as the next version (the petition's 办理 with a new field, which
 * the step's task then serves), a later deploy of the diagram alone keeping the edited form, and
 * the lint refusing a form that drops a field a worker reads or names a protected variable.
 */
import type { Agent } from 'supertest';
import { fileDiagram, fileForms, restoreFileDiagram } from '../../../../../test/designer';
import { createTestStack } from '../../../../../test/harness';

type Form = { id: string; name: string; schema: { id: string; components: { key?: string }[] } };

describe('form editor API', () => {
  const stack = createTestStack();
  let designer: Agent;

  beforeAll(async () => {
    designer = await stack.loginAs('designer');
  });
  afterAll(async () => {
    if (designer) await restoreFileDiagram(designer, 'petition');
    await stack.close();
  });

  const latest = () =>
    stack.prisma.processDefinition.findFirstOrThrow({
      where: { bpmnProcessId: 'petition' },
      orderBy: { version: 'desc' },
    });
  const formsOf = async (key: string) =>
    (await designer.get(`/api/processes/versions/${key}/forms`).expect(200)).body.items as Form[];
  const handleForm = () => {
    const form = fileForms(fileDiagram('petition')).find((f) => f.schema.id === 'petition-handle')!;
    return structuredClone(form.schema) as Form['schema'];
  };
  const keys = (form: Form['schema'] | undefined) => form?.components.map((c) => c.key);

  it('answers the forms a version deployed with, and refuses anyone who may not design', async () => {
    const { id } = await latest();
    const forms = await formsOf(id);
    expect(forms.map((f) => f.id).sort()).toEqual([
      'petition-approve-extension',
      'petition-decide',
      'petition-handle',
      'petition-review',
      'petition-satisfaction',
    ]);
    expect(keys(forms.find((f) => f.id === 'petition-handle')?.schema)).toContain('replyText');
    await (await stack.loginAs('petition.staff')).get(`/api/processes/versions/${id}/forms`).expect(403);
    await designer.get('/api/processes/versions/petition:999:none/forms').expect(404);
  });

  it('deploys an edited form with its diagram as the next version; the diagram alone later keeps it', async () => {
    const before = await latest();
    const edited = handleForm();
    edited.components.push({ key: 'handleNote', label: '办理备注 Note', type: 'textfield' } as never);
    const res = await designer
      .post('/api/processes/deployments')
      .send({ xml: fileDiagram('petition'), forms: [{ schema: edited }] })
      .expect(201);
    expect(res.body.version).toBe(before.version + 1);
    const handle = (await formsOf(res.body.key)).find((f) => f.id === 'petition-handle');
    expect(keys(handle?.schema)).toContain('handleNote');
    // The other forms came along as they were.
    expect((await formsOf(res.body.key)).length).toBe(5);

    // The diagram alone (as Camunda Modeler or an older client sends it): the edited form stays.
    const again = await designer
      .post('/api/processes/deployments')
      .send({ xml: fileDiagram('petition').replace('name="办理"', 'name="办理（新）"') })
      .expect(201);
    expect(again.body.version).toBe(before.version + 2);
    const kept = (await formsOf(again.body.key)).find((f) => f.id === 'petition-handle');
    expect(keys(kept?.schema)).toContain('handleNote');
  });

  it('refuses a form that drops a field a worker reads, or makes a protected variable a field, naming it', async () => {
    const count = await stack.prisma.processDefinition.count({ where: { bpmnProcessId: 'petition' } });
    const dropped = handleForm();
    dropped.components = dropped.components.filter((c) => c.key !== 'extensionDays');
    const res = await designer
      .post('/api/processes/deployments')
      .send({ xml: fileDiagram('petition'), forms: [{ schema: dropped }] })
      .expect(400);
    expect(res.body.error.code).toBe('error.badForm');
    const field = res.body.error.fields.find((f: { field: string }) => f.field === 'forms.0.extensionDays');
    expect(field.message['zh-CN']).toMatch(/自动步骤「.+」读取此字段/);

    const grabbing = handleForm();
    grabbing.components.push({ key: 'handlerUnitId', label: '承办单位', type: 'textfield' } as never);
    const refused = await designer
      .post('/api/processes/deployments')
      .send({ xml: fileDiagram('petition'), forms: [{ schema: grabbing }] })
      .expect(400);
    expect(refused.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['forms.0.handlerUnitId']);
    expect(await stack.prisma.processDefinition.count({ where: { bpmnProcessId: 'petition' } })).toBe(count);
  });
});
