/**
 * What two people doing the same thing at the same moment must not break, against the real API,
 * database and engine: case numbers from a sequence (no counter row held for a caller's
 * transaction), one petition when the same petitioner and matter are registered twice at once,
 * and one designated member whatever order concurrent team changes land in.
 */
import { nextCaseNo } from '../../lib/case-no';
import { freshIdNumber, suiteStack } from '../harness';
import { freshPetitioner } from '../petitions';

describe('concurrent registrations and team changes', () => {
  const stack = suiteStack({ workers: true });
  const { prisma } = stack;

  it('numbers cases from a sequence: distinct and increasing, and not held by an open transaction', async () => {
    // A prefix of this run only: its sequence starts at 1.
    const prefix =
      `Z${String.fromCharCode(65 + Math.floor(Math.random() * 26))}${Date.now().toString(36).toUpperCase().replace(/\d/g, '')}`.slice(
        0,
        8,
      );
    const numbers = await Promise.all(Array.from({ length: 30 }, () => nextCaseNo(prisma, prefix)));
    const seqs = numbers.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(30);
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(numbers[0]).toMatch(new RegExp(`^${prefix}-20\\d\\d-\\d{6}$`));

    // A registration's transaction that has taken its number and not committed holds nobody up.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let taken!: () => void;
    const numbered = new Promise<void>((resolve) => (taken = resolve));
    const open = prisma.$transaction(
      async (tx) => {
        await nextCaseNo(prisma, prefix, undefined, tx);
        taken();
        await held;
      },
      { timeout: 30_000 },
    );
    await numbered;
    const meanwhile = await nextCaseNo(prisma, prefix);
    release();
    await open;
    expect(Number(meanwhile.split('-')[2])).toBe(32);
  });

  it('numbers cases in more transactions at once than the pool has connections, the first of them making the sequence', async () => {
    // Each transaction holds a pooled connection; a number that needed a second one deadlocked
    // the pool (a burst of reports answered 503 after the transactions' timeout).
    const prefix = `Y${Date.now().toString(36).toUpperCase().replace(/\d/g, '')}`.slice(0, 8);
    const numbers = await Promise.all(
      Array.from({ length: 30 }, () =>
        prisma.$transaction((tx) => nextCaseNo(prisma, prefix, undefined, tx)),
      ),
    );
    expect(numbers.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
  });

  it('registers the same petitioner and matter sent twice at once only once; the second is shown the first', async () => {
    const office = await stack.loginAs('petition.staff');
    const body = {
      channel: 'VISIT',
      receivedAt: new Date().toISOString(),
      petitioner: freshPetitioner(),
      matter: '同时提交的重复信访',
      requests: '请求处理',
    };
    const answers = await Promise.all([1, 2, 3].map(() => office.post('/api/petitions').send(body)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    const second = answers.find((r) => r.status === 409)!;
    expect(second.body.error.code).toBe('error.petitionPossibleDuplicate');
    expect(
      await prisma.petition.count({ where: { matter: body.matter, petitionerIdNo: body.petitioner.idNo } }),
    ).toBe(1);
  });

  it('leaves exactly one designated member when designations and a re-formed team land at once', async () => {
    const staff = await stack.loginAs('haiwang.staff');
    const ids: Record<string, string> = {};
    for (const u of await prisma.user.findMany({
      where: { username: { in: ['grid.hw01', 'hw.police', 'hw.doctor', 'haiwang.staff'] } },
    }))
      ids[u.username] = u.id;
    const team = (designated: string) => [
      { roleCode: 'grid-member', userId: ids['grid.hw01'], designated: designated === 'grid.hw01' },
      { roleCode: 'police', userId: ids['hw.police'], designated: designated === 'hw.police' },
      { roleCode: 'psychiatrist', userId: ids['hw.doctor'], designated: designated === 'hw.doctor' },
      { roleCode: 'cadre', userId: ids['haiwang.staff'] },
    ];
    const created = await staff
      .post('/api/patients')
      .send({
        name: '并发测试患者',
        gender: 'F',
        idNumber: freshIdNumber(),
        phone: '13800138001',
        address: '海旺社区 9 栋 101',
        gridId: 'BA-XA-C01-G01',
        diagnosis: '双相情感障碍',
        guardianName: '王父',
        guardianPhone: '13900139001',
        riskLevel: 0,
        team: team('grid.hw01'),
      })
      .expect(201);
    const id = created.body.id as string;
    const changes = [
      ...['hw.police', 'hw.doctor', 'grid.hw01', 'hw.police', 'hw.doctor'].map((u) =>
        staff.put(`/api/patients/${id}/designated`).send({ userId: ids[u] }),
      ),
      staff.put(`/api/patients/${id}/team`).send({ members: team('hw.doctor') }),
      staff.put(`/api/patients/${id}/team`).send({ members: team('hw.police') }),
    ];
    const statuses = (await Promise.all(changes)).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const members = await prisma.teamMember.findMany({ where: { personId: id } });
    expect(members.filter((m) => m.designated)).toHaveLength(1);
    expect(members).toHaveLength(4);
  });
});
