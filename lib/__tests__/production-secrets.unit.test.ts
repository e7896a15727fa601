import { loadApiConfig } from '../../api/src/config';
import { loadWorkersConfig } from '../../workers/src/config';
import { loadSetupConfig } from '../setup';
import { productionEnv } from '../../test/production-env';
import { DEVELOPMENT_FIELD_KEY, DEVELOPMENT_SECRETS_KEY } from '../config';

/** Each deployable's loader, with a strong production environment it accepts as it is. */
const deployables = {
  api: loadApiConfig,
  workers: loadWorkersConfig,
  scripts: loadSetupConfig,
} as const;

/** Per deployable, each secret with the weak values production must refuse (undefined: unset). */
const cases: [keyof typeof deployables, string, (string | undefined)[]][] = [
  ['api', 'SECRETS_KEY', [undefined, DEVELOPMENT_SECRETS_KEY, 'abc123']],
  ['api', 'FIELD_ENCRYPTION_KEY', [undefined, DEVELOPMENT_FIELD_KEY, 'c2hvcnQ=']],
  ['api', 'ENGINE_PASSWORD', [undefined, 'zhizhiApi', 'admin', 'Short#pass12']],
  ['api', 'ATTACHMENTS_S3_ACCESS_KEY', [undefined, 'zhizhi', 'key12345']],
  ['api', 'ATTACHMENTS_S3_SECRET_KEY', [undefined, 'zhizhi-minio-secret', 'minioadmin', 'secret12']],
  ['workers', 'SECRETS_KEY', [undefined, DEVELOPMENT_SECRETS_KEY]],
  ['workers', 'ENGINE_PASSWORD', [undefined, 'zhizhiWorkers', 'Short#pass12']],
  ['scripts', 'ENGINE_PASSWORD', [undefined, 'zhizhiApi', 'Short#pass12']],
];

describe('production secrets', () => {
  it.each(Object.keys(deployables) as (keyof typeof deployables)[])(
    '%s starts with strong secrets',
    (name) => {
      expect(() => deployables[name](productionEnv())).not.toThrow();
    },
  );

  it.each(cases)('%s refuses a missing, default or short %s', (name, variable, weak) => {
    for (const value of weak) {
      const env = productionEnv({ [variable]: value });
      if (value === undefined) delete env[variable];
      expect(() => deployables[name](env)).toThrow(new RegExp(`— ${variable}: `));
    }
  });

  it('accepts the development defaults outside production', () => {
    for (const load of Object.values(deployables)) expect(() => load({})).not.toThrow();
  });

  it('asks for the object-store keys only with an object store, and then for a disk folder', () => {
    const disk = productionEnv({ ATTACHMENTS_S3_ENDPOINT: undefined });
    delete disk.ATTACHMENTS_S3_ENDPOINT;
    delete disk.ATTACHMENTS_S3_ACCESS_KEY;
    delete disk.ATTACHMENTS_S3_SECRET_KEY;
    expect(() => loadApiConfig(disk)).toThrow(/— ATTACHMENTS_DIR: /);
    expect(loadApiConfig({ ...disk, ATTACHMENTS_DIR: '/var/lib/zhizhi/attachments' }).ATTACHMENTS_DIR).toBe(
      '/var/lib/zhizhi/attachments',
    );
  });

  it('names every weak secret in one line', () => {
    let message = '';
    try {
      loadApiConfig({ NODE_ENV: 'production' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).not.toContain('\n');
    for (const variable of ['SECRETS_KEY', 'FIELD_ENCRYPTION_KEY', 'ENGINE_PASSWORD', 'ATTACHMENTS_DIR'])
      expect(message).toContain(variable);
  });
});
