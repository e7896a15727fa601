/**
 * Identifiers under SM4 (国密, FIELD_CIPHER=sm4) through the HTTP API and the real engine: the
 * database holds v2 ciphertexts and never the number, the API answers the number to the team
 * roles that work with it and masked to the rest, a value left in the old AES format still reads,
 * and the data migration (`npm run fields:reencrypt`) rewrites it as SM4, once.
 */
import { createFieldCrypto } from '../../../../lib/field-crypto';
import { reencryptFields } from '../../../../lib/reencrypt-fields';
import { suiteStack } from '../../../../test/harness';
import { testProcessEnv } from '../../../../test/env';
import { loadApiConfig } from '../../../../api/src/config';

const ID_NUMBER = '440306197712120026';

describe('patient identifiers under SM4', () => {
  const stack = suiteStack({ env: { FIELD_CIPHER: 'sm4' } });
  const { prisma } = stack;
  const key = loadApiConfig(testProcessEnv()).FIELD_ENCRYPTION_KEY!;

  it('stores SM4 ciphertexts, answers plaintext or masked by role, reads old AES values and migrates them once', async () => {
    await prisma.person.deleteMany({ where: { name: '国密测试患者' } });
    const ids = Object.fromEntries(
      (
        await prisma.user.findMany({
          where: { username: { in: ['grid.hw01', 'hw.police', 'haiwang.staff'] } },
        })
      ).map((u) => [u.username, u.id]),
    );
    const staff = await stack.loginAs('haiwang.staff');
    const police = await stack.loginAs('hw.police');
    const file = {
      name: '国密测试患者',
      idNumber: ID_NUMBER,
      phone: '13600136000',
      address: '海旺社区 1 栋 101',
      gridId: 'BA-XA-C01-G01',
      guardianPhone: '13500135000',
      riskLevel: 0,
      team: [
        { roleCode: 'grid-member', userId: ids['grid.hw01'], designated: true },
        { roleCode: 'police', userId: ids['hw.police'] },
        { roleCode: 'cadre', userId: ids['haiwang.staff'] },
      ],
    };
    const created = await staff.post('/api/patients').send(file).expect(201);
    const id = created.body.id as string;

    const row = await prisma.person.findUniqueOrThrow({ where: { id } });
    for (const value of [row.idNumberEnc, row.phoneEnc, row.guardianPhoneEnc]) expect(value).toMatch(/^v2:/);
    expect(JSON.stringify(row)).not.toMatch(/440306197712120026|13600136000|13500135000/);
    // The same number is found again by its keyed hash: one file per person, whatever the format.
    await staff.post('/api/patients').send(file).expect(409);

    const forPolice = (await police.get(`/api/patients/${id}`).expect(200)).body;
    expect([forPolice.idNumber, forPolice.phone, forPolice.guardianPhone]).toEqual([
      ID_NUMBER,
      '13600136000',
      '13500135000',
    ]);
    const forCadre = (await staff.get(`/api/patients/${id}`).expect(200)).body;
    expect([forCadre.idNumber, forCadre.phone]).toEqual(['440306********0026', '136****6000']);

    // A value written before the switch (AES-256-GCM, v1) still reads …
    const aes = createFieldCrypto(key, 'aes-256-gcm');
    await prisma.person.update({ where: { id }, data: { phoneEnc: aes.encrypt('13600136001') } });
    expect((await police.get(`/api/patients/${id}`).expect(200)).body.phone).toBe('13600136001');
    // … and the data migration rewrites it as SM4, once.
    const sm4 = createFieldCrypto(key, 'sm4');
    expect((await reencryptFields(prisma, sm4)).rewritten).toBeGreaterThanOrEqual(1);
    expect((await prisma.person.findUniqueOrThrow({ where: { id } })).phoneEnc).toMatch(/^v2:/);
    expect(await reencryptFields(prisma, sm4)).toEqual({ rewritten: 0 });
    expect((await police.get(`/api/patients/${id}`).expect(200)).body.phone).toBe('13600136001');
  });
});
