import type { Db } from '../../../../lib/db';
import type { Queues } from '../../../../lib/queues';
import { robotPolicy } from '../../../../lib/robots';
import { createSecretBox } from '../../../../lib/secret-box';
import type { ApiConfig } from '../../config';
import type { RouteSpec } from '../../http/openapi';
import type { AuthService } from '../auth/auth.service';
import type { LoginLimiter } from '../auth/login-limiter';
import { importsAdminRoutes, importsAdminSpecs } from './imports-admin.routes';
import { lockoutsAdminRoutes, lockoutsAdminSpecs } from './lockouts-admin.routes';
import { orgsAdminRoutes, orgsAdminSpecs } from './orgs-admin.routes';
import { referenceAdminRoutes, referenceAdminSpecs } from './reference-admin.routes';
import { robotsAdminRoutes, robotsAdminSpecs } from './robots-admin.routes';
import { usersAdminRoutes, usersAdminSpecs } from './users-admin.routes';

export { importBodyParser } from './imports-admin.routes';

/** Administration (role ADMIN): org tree, users, SLA rules, categories, channel keys, robots, bulk import. */
export const adminSpecs: RouteSpec[] = [
  ...orgsAdminSpecs,
  ...usersAdminSpecs,
  ...referenceAdminSpecs,
  ...robotsAdminSpecs,
  ...importsAdminSpecs,
  ...lockoutsAdminSpecs,
];

export function adminRoutes(deps: {
  db: Db;
  auth: AuthService;
  limiter: LoginLimiter;
  queues: Queues;
  config: ApiConfig;
}) {
  return [
    orgsAdminRoutes(deps.db),
    usersAdminRoutes(deps.db, deps.auth),
    referenceAdminRoutes(deps.db),
    robotsAdminRoutes(deps.db, createSecretBox(deps.config.SECRETS_KEY), {
      testTimeoutMs: deps.config.ROBOT_TEST_TIMEOUT_MS,
      policy: robotPolicy(deps.config),
    }),
    importsAdminRoutes(deps.db, deps.queues),
    lockoutsAdminRoutes(deps.db, deps.limiter),
  ];
}
