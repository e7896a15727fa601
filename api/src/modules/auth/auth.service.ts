import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { Db } from '../../../../lib/db';
import type { SessionUser } from '../../abilities';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// Verifying against a real hash for unknown users keeps the answer time the same,
// so response timing does not tell which usernames exist. Made at the first unknown username, not
// at load: every process that loads the API (each test suite too) paid for one otherwise.
let dummyHash: Promise<string> | undefined;

export function createAuthService(db: Db, ttlHours: number) {
  return {
    /** The user if the password is theirs; `known` whether the username names an account at all. */
    async verify(username: string, password: string): Promise<{ user: SessionUser | null; known: boolean }> {
      const user = await db.user.findUnique({ where: { username }, include: { org: true } });
      const ok = await argon2
        .verify(
          user?.passwordHash ?? (await (dummyHash ??= argon2.hash('zhizhi-timing-equaliser'))),
          password,
        )
        .catch(() => false);
      return { user: user && user.active && ok ? user : null, known: user !== null };
    },

    async openSession(userId: string) {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
      await db.session.create({ data: { id: hashToken(token), userId, expiresAt } });
      return { token, expiresAt };
    },

    async userForToken(token: string): Promise<SessionUser | null> {
      const session = await db.session.findUnique({
        where: { id: hashToken(token) },
        include: { user: { include: { org: true } } },
      });
      if (!session || session.expiresAt < new Date() || !session.user.active) return null;
      return session.user;
    },

    async closeSession(token: string) {
      await db.session.deleteMany({ where: { id: hashToken(token) } });
    },

    /** Whether `password` is this user's current password. */
    async checkPassword(userId: string, password: string): Promise<boolean> {
      const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
      return argon2.verify(user.passwordHash, password).catch(() => false);
    },

    /**
     * Sets a new password (argon2id) and ends the user's sessions other than `keepToken`. A
     * `oneTime` password (issued by an admin or the bootstrap) must be changed at first sign-in;
     * the user's own change clears that.
     */
    async setPassword(
      userId: string,
      password: string,
      opts: { keepToken?: string; oneTime?: boolean } = {},
    ) {
      const { keepToken, oneTime = false } = opts;
      const passwordHash = await argon2.hash(password, { type: argon2.argon2id });
      await db.$transaction([
        db.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: oneTime } }),
        db.session.deleteMany({
          where: { userId, ...(keepToken ? { id: { not: hashToken(keepToken) } } : {}) },
        }),
      ]);
    },

    /** Ends every session of a user but `keepToken`'s; how many ended. */
    async closeSessionsOf(userId: string, keepToken?: string): Promise<number> {
      const { count } = await db.session.deleteMany({
        where: { userId, ...(keepToken ? { id: { not: hashToken(keepToken) } } : {}) },
      });
      return count;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
