import { z } from 'zod';
import { commonEnv, loadConfig, refuseWeakSecrets } from '../lib/config';

/**
 * The setup scripts' config (migrations aside: seed, diagrams, and whatever setup runs next):
 * they call the engine as the API's user, and stop at start-up in production on a weak password.
 */
const schema = z
  .object({
    ...commonEnv,
    ENGINE_USER: z.string().min(1).default('zhizhiApi'),
    ENGINE_PASSWORD: z.string().min(1).default('zhizhiApi'),
  })
  .superRefine((env, ctx) => refuseWeakSecrets(env, ctx, ['ENGINE_PASSWORD']));

export type ScriptsConfig = z.infer<typeof schema>;

export const loadScriptsConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(schema, env);
