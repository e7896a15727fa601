/**
 * `npm run bootstrap -- --org-name 某某区 [--org-code XX] --admin <username>
 *   [--security-admin <username>] [--audit-admin <username>]`, after `npm run setup`.
 *
 * The first administrators of a real install: the
 * district's root unit and, for 三员分立 (等保 2.0 level 3), a system administrator, a security
 * administrator and an audit administrator, each with a one-time password to change at first
 * sign-in. Everything after (streets, users, grids) comes from the admin pages and imports.
 */
import argon2 from 'argon2';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createPrisma, type Db } from '../lib/db';
import { ADMIN_ROLES } from '../lib/roles';
import { oneTimePassword } from '../api/src/modules/auth/password-policy';

interface BootstrapInput {
  orgName: string;
  orgCode: string;
  /** Usernames: the system administrator (--admin), then --security-admin and --audit-admin. */
  admin: string;
  securityAdmin: string;
  auditAdmin: string;
}

/** A refusal that names why in one line (the script prints it and exits 1). */
class BootstrapRefused extends Error {}

const DISPLAY_NAMES: Record<(typeof ADMIN_ROLES)[number], string> = {
  ADMIN: '系统管理员',
  SECURITY_ADMIN: '安全管理员',
  AUDIT_ADMIN: '审计管理员',
};

/**
 * Creates the root and the three administrators in one transaction, refused when any
 * administrator exists (active or not): a second run must never add a way in.
 */
async function bootstrap(db: Db, input: BootstrapInput) {
  const accounts = [
    { username: input.admin, role: 'ADMIN' as const },
    { username: input.securityAdmin, role: 'SECURITY_ADMIN' as const },
    { username: input.auditAdmin, role: 'AUDIT_ADMIN' as const },
  ];
  const issued = await Promise.all(
    accounts.map(async (a) => {
      const password = oneTimePassword();
      return { ...a, password, passwordHash: await argon2.hash(password, { type: argon2.argon2id }) };
    }),
  );
  await db.$transaction(async (tx) => {
    // Serialises two bootstraps started together: the second sees the first's administrators.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('zhizhi-bootstrap'))`;
    const admin = await tx.user.findFirst({ where: { roles: { hasSome: [...ADMIN_ROLES] } } });
    if (admin)
      throw new BootstrapRefused(
        `this database already has an administrator (${admin.username}); bootstrap runs once — use the admin pages`,
      );
    if (await tx.org.findUnique({ where: { id: input.orgCode } }))
      throw new BootstrapRefused(`--org-code: a unit with the code ${input.orgCode} exists`);
    const taken = await tx.user.findFirst({ where: { username: { in: accounts.map((a) => a.username) } } });
    if (taken) throw new BootstrapRefused(`the username ${taken.username} is taken`);
    await tx.org.create({
      data: { id: input.orgCode, name: input.orgName, type: 'DISTRICT', path: `/${input.orgCode}/` },
    });
    for (const a of issued)
      await tx.user.create({
        data: {
          username: a.username,
          displayName: DISPLAY_NAMES[a.role],
          orgId: input.orgCode,
          roles: [a.role],
          passwordHash: a.passwordHash,
          mustChangePassword: true,
        },
      });
    await tx.auditLog.create({
      data: {
        action: 'bootstrap',
        subjectType: 'Org',
        subjectId: input.orgCode,
        detail: { orgName: input.orgName, administrators: accounts },
      },
    });
  });
  return issued.map(({ username, role, password }) => ({
    username,
    role,
    displayName: DISPLAY_NAMES[role],
    password,
  }));
}

const USAGE =
  'usage: npm run bootstrap -- --org-name 某某区 [--org-code XX] --admin <username> ' +
  '[--security-admin <username>] [--audit-admin <username>]';

const username = z.string().regex(/^[A-Za-z0-9._-]{2,64}$/, '2–64 letters, digits, . _ -');
const inputSchema = z.object({
  orgName: z.string().trim().min(1, 'required').max(100, 'at most 100 characters'),
  // The root's code starts every unit's path; admins pick codes such as BA for 宝安区.
  orgCode: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, '1–64 letters, digits, _ - (e.g. BA)')
    .default('DISTRICT'),
  admin: username,
  securityAdmin: username.default('security.admin'),
  auditAdmin: username.default('audit.admin'),
});
const FLAGS: Record<keyof BootstrapInput, string> = {
  orgName: '--org-name',
  orgCode: '--org-code',
  admin: '--admin',
  securityAdmin: '--security-admin',
  auditAdmin: '--audit-admin',
};

/** The input, or a BootstrapRefused naming the flag that is wrong. */
function parseInput(argv: string[]): BootstrapInput {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(Object.values(FLAGS).map((f) => [f.slice(2), { type: 'string' as const }])),
    }));
  } catch (err) {
    throw new BootstrapRefused(`${(err as Error).message} (${USAGE})`);
  }
  const raw = Object.fromEntries(Object.entries(FLAGS).map(([key, flag]) => [key, values[flag.slice(2)]]));
  if (raw.orgName === undefined) throw new BootstrapRefused(`--org-name is required (${USAGE})`);
  if (raw.admin === undefined) throw new BootstrapRefused(`--admin is required (${USAGE})`);
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BootstrapRefused(`${FLAGS[issue.path[0] as keyof BootstrapInput]}: ${issue.message}`);
  }
  const input = parsed.data;
  if (new Set([input.admin, input.securityAdmin, input.auditAdmin]).size < 3)
    throw new BootstrapRefused(
      '--admin, --security-admin and --audit-admin must be three different usernames',
    );
  return input;
}

async function main() {
  const input = parseInput(process.argv.slice(2));
  const db = createPrisma(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/zhizhi');
  try {
    const issued = await bootstrap(db, input);
    console.log(
      `[bootstrap] ${input.orgName} (${input.orgCode}) created with its administrators (三员分立):`,
    );
    for (const a of issued)
      console.log(`  ${a.displayName}  ${a.username.padEnd(20)}  one-time password: ${a.password}`);
    console.log('  Shown only now. Each must change the password at the first sign-in.');
  } finally {
    await db.$disconnect();
  }
}

main().catch((err) => {
  // A refusal is one line; a database that was never set up says what to run first.
  const message =
    err instanceof BootstrapRefused
      ? err.message
      : /does not exist/.test(String(err?.message))
        ? 'the database has no schema: run `npm run setup` first'
        : err instanceof Error
          ? err.message.split('\n')[0]
          : String(err);
  console.error(`[bootstrap] refused: ${message}`);
  process.exitCode = 1;
});
