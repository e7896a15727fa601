/**
 * docker-compose.yml as a district's IT department meets it: with only the variables .env.example
 * asks for, `docker-compose config` passes; without any one of them it stops naming it; every
 * image is pinned to a release tag; nothing mounts a build output from the host; nginx alone
 * publishes a port; the demo is off. Also: .env.example lists every variable the deployables read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { API_VARIABLES } from '../../api/src/config';
import { WORKERS_VARIABLES } from '../../workers/src/config';
import { ROOT } from '../env';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { load } = require('js-yaml') as { load: (text: string) => unknown };

const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
/** The variables .env.example requires: uncommented and empty. */
const required = [...example.matchAll(/^([A-Z0-9_]+)=$/gm)].map((m) => m[1]);
const strong = (name: string) =>
  name === 'SECRETS_KEY'
    ? randomBytes(32).toString('hex')
    : name === 'FIELD_ENCRYPTION_KEY'
      ? randomBytes(32).toString('base64')
      : randomBytes(18).toString('base64url');

const dir = mkdtempSync(path.join(tmpdir(), 'zhizhi-compose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** docker-compose with exactly these variables: a clean environment and an env file of our own. */
function compose(vars: Record<string, string>, args: string[]) {
  const envFile = path.join(dir, `env-${Object.keys(vars).length}-${Math.random()}`);
  writeFileSync(
    envFile,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );
  return spawnSync(
    'docker-compose',
    [
      '--project-directory',
      ROOT,
      '-f',
      path.join(ROOT, 'docker-compose.yml'),
      '--env-file',
      envFile,
      ...args,
    ],
    { cwd: dir, env: { PATH: process.env.PATH, HOME: dir }, encoding: 'utf8' },
  );
}

const documented = Object.fromEntries(required.map((name) => [name, strong(name)]));

interface Service {
  image?: string;
  build?: unknown;
  ports?: unknown[];
  volumes?: ({ type?: string; source?: string } | string)[];
  environment?: Record<string, string>;
}

describe('docker-compose.yml', () => {
  it('asks for the six secrets and nothing else', () => {
    expect(required.sort()).toEqual(
      [
        'ENGINE_ADMIN_PASSWORD',
        'ENGINE_API_PASSWORD',
        'ENGINE_WORKERS_PASSWORD',
        'FIELD_ENCRYPTION_KEY',
        'POSTGRES_PASSWORD',
        'SECRETS_KEY',
      ].sort(),
    );
    const result = compose(documented, ['config', '-q']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(required)('stops without %s, naming it', (name) => {
    const vars = { ...documented };
    delete vars[name];
    const result = compose(vars, ['config', '-q']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(name);
  });

  it('pins every image, mounts no build output, publishes nginx alone and keeps the demo off', () => {
    const result = compose(documented, ['--profile', 's3', 'config']);
    expect(result.status).toBe(0);
    const { services } = load(result.stdout) as { services: Record<string, Service> };
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['web', 'api', 'seaweedfs']));
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    for (const [name, service] of Object.entries(services)) {
      const [image, tag] = service.image!.split(':');
      // Release tags (x.y or x.y.z, with a variant): never latest, never a bare major.
      if (service.build) expect({ name, tag }).toEqual({ name, tag: version });
      else
        expect({ name, tag }).toEqual({
          name,
          tag: expect.stringMatching(/^\d+\.\d+(\.\d+)?(-[a-z0-9.]+)?$/),
        });
      expect(image).not.toBe('minio/minio');
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
        const bind =
          typeof volume === 'string'
            ? source!.startsWith('/') || source!.startsWith('.')
            : volume.type === 'bind';
        // A bind mount from the host may only be configuration kept in deploy/.
        if (bind)
          expect({ name, source }).toEqual({
            name,
            source: expect.stringMatching(/\/deploy\/[^/]+\.(sql|conf)$/),
          });
      }
      if (name !== 'web') expect({ name, ports: service.ports }).toEqual({ name, ports: undefined });
    }
    expect(services.setup.environment!.SEED_DEMO).toBe('false');
    expect(services.api.environment!.NODE_ENV).toBe('production');
    expect(services['engine-1'].environment!.NODE_ENV).toBe('production');
  });

  it('builds from images pinned to release tags', () => {
    for (const file of ['Dockerfile', 'engine/Dockerfile']) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      const args = Object.fromEntries([...text.matchAll(/^ARG (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
      const bases = [...text.matchAll(/^FROM (\S+)/gm)]
        .map((m) => m[1].replace(/^\$\{(\w+)\}$/, (_, arg: string) => args[arg]))
        // A stage built on an earlier stage of the same file.
        .filter((ref) => ref.includes(':'));
      expect(bases.length).toBeGreaterThan(0);
      for (const ref of bases) expect(ref).toMatch(/^[\w./-]+:\d+\.\d+(\.\d+)?[\w.-]*$/);
    }
  });

  it('.env.example names every variable the deployables read', () => {
    const named = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const missing = [...new Set([...API_VARIABLES, ...WORKERS_VARIABLES])].filter((v) => !named.has(v));
    expect(missing).toEqual([]);
    const composed = [
      ...readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8').matchAll(/\$\{([A-Z0-9_]+)[:?}-]/g),
    ];
    expect(composed.map((m) => m[1]).filter((v) => !named.has(v))).toEqual([]);
  });
});

// The client must be there: a missing docker-compose fails these tests rather than skipping them.
execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
