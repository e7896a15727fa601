import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { Db } from '../../../../lib/db';
import type { SessionUser } from '../../abilities';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// Verifying against a real hash for unknown users keeps the answer time the same,
// so response timing does not tell which usernames exist.
const dummyHash = argon2.hash('zhizhi-timing-equaliser');

export function createAuthService(db: Db, ttlHours: number) {
  return {
    /** The user for valid credentials, or null. */
    async verify(username: string, password: string): Promise<SessionUser | null> {
      const user = await db.user.findUnique({ where: { username }, include: { org: true } });
      const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
      return user && user.active && ok ? user : null;
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
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
