import { createContext, useContext } from 'react';
import type { Me } from './api';

/** The signed-in user, for every page under the shell (the shell renders only once it is known). */
export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the signed-in shell');
  return me;
}

/**
 * The session as the boot (main.tsx) holds it: the app changes who is signed in (a changed
 * password) or ends it (退出), and the boot shows the login page again.
 */
export const SessionContext = createContext<{ me: Me; setMe: (me: Me) => void; logout: () => Promise<void> }>(
  {
    me: null as never,
    setMe: () => undefined,
    logout: async () => undefined,
  },
);

export const hasRole = (me: Me, ...roles: string[]) => me.roles.some((r) => roles.includes(r));

/** Leaders follow their area (督办, rankings, a summary home) rather than work a queue of their own. */
export const isLeader = (me: Me) => hasRole(me, 'SUPERVISOR', 'ADMIN');
