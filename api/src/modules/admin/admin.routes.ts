import type { Db } from '../../../../lib/db';
import type { Queues } from '../../../../lib/queues';
import { robotPolicy } from '../../../../lib/robots';
import { createSecretBox } from '../../../../lib/secret-box';
import type { ApiConfig } from '../../config';
import type { Route } from '../../http/define-route';
import type { AuthService } from '../auth/auth.service';
import type { LoginLimiter } from '../auth/login-limiter';
import { importsAdminRoutes } from './imports-admin.routes';
import { lockoutsAdminRoutes } from './lockouts-admin.routes';
import { orgsAdminRoutes } from './orgs-admin.routes';
import { referenceAdminRoutes } from './reference-admin.routes';
import { robotsAdminRoutes, type RobotsDeps } from './robots-admin.routes';
import { usersAdminRoutes } from './users-admin.routes';

export { importBodyParser } from './imports-admin.routes';

/** What the admin routes need; each file of them takes the part it uses. */
export interface AdminDeps extends RobotsDeps {
  db: Db;
  auth: AuthService;
  limiter: LoginLimiter;
  queues: Queues;
}

/** The admin routes' dependencies, from the API's: the robots' secret box and policy from its config. */
export const adminDeps = ({
  config,
  ...deps
}: Omit<AdminDeps, 'box' | 'robots'> & { config: ApiConfig }): AdminDeps => ({
  ...deps,
  box: createSecretBox(config.SECRETS_KEY),
  robots: { testTimeoutMs: config.ROBOT_TEST_TIMEOUT_MS, policy: robotPolicy(config) },
});

/** Administration (role ADMIN): org tree, users, SLA rules, categories, channel keys, robots, bulk import. */
export const adminRoutes: Route<AdminDeps>[] = [
  ...orgsAdminRoutes,
  ...usersAdminRoutes,
  ...referenceAdminRoutes,
  ...robotsAdminRoutes,
  ...importsAdminRoutes,
  ...lockoutsAdminRoutes,
];
