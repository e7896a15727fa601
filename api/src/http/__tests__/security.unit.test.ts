import { readFileSync } from 'node:fs';
import path from 'node:path';
import { subject } from '@casl/ability';
import type { Org, User } from '@prisma/client';
import { defineAbilityFor } from '../../abilities';
import { passwordProblems } from '../../modules/auth/password-policy';
import { CONTENT_SECURITY_POLICY } from '../security';

describe('password policy', () => {
  const problems = (pw: string, username = 'grid.hw01') =>
    passwordProblems(pw, username).map((p) => p.message.en);

  it('accepts a long password of 3 classes, counting 汉字 as symbols', () => {
    expect(problems('correct-horse-2026')).toEqual([]);
    expect(problems('海旺社区网格abc123')).toEqual([]);
  });

  it('names what is wrong, on the newPassword field', () => {
    expect(passwordProblems('abc', 'x').map((p) => p.field)).toEqual(['newPassword', 'newPassword']);
    expect(problems('abcdefghijklmn')).toEqual([expect.stringMatching(/at least 3 of/)]);
    expect(problems('My-GRID.HW01-pass')).toEqual([expect.stringMatching(/username/)]);
    expect(problems('Zhizhi@2026')).toEqual([expect.stringMatching(/demo password/)]);
  });
});

describe('street admins end sessions within their subtree only', () => {
  const org = (id: string, path: string) => ({ id, path, name: id, type: 'STREET' }) as Org;
  const user = (id: string, o: Org, roles: string[]) =>
    ({ id, username: id, roles, orgId: o.id, org: o }) as unknown as User & { org: Org };

  it('lets an admin revoke below their unit, not a sibling street', () => {
    const admin = defineAbilityFor(user('a', org('BA-XA', '/BA/BA-XA/'), ['ADMIN']));
    const own = user('b', org('BA-XA-C01', '/BA/BA-XA/BA-XA-C01/'), ['STAFF']);
    const sibling = user('c', org('BA-XX-C01', '/BA/BA-XX/BA-XX-C01/'), ['STAFF']);
    expect(admin.can('revoke', subject('User', own))).toBe(true);
    expect(admin.can('revoke', subject('User', sibling))).toBe(false);
    const staff = defineAbilityFor(user('d', org('BA', '/BA/'), ['STAFF', 'SUPERVISOR']));
    expect(staff.can('revoke', subject('User', own))).toBe(false);
  });
});

it("nginx sends the web app the API's Content-Security-Policy", () => {
  const conf = readFileSync(path.resolve(__dirname, '../../../../deploy/nginx.conf'), 'utf8');
  expect(conf).toContain(`add_header Content-Security-Policy "${CONTENT_SECURITY_POLICY}" always;`);
});
