/**
 * Real processes for the fault suites: the deployables (workers, API, the `npm start` supervisor)
 * in process groups of their own, an engine node of its own, and a PostgreSQL cluster and a Redis
 * server of the suite's own that it may stop and start — the shared ones are never touched.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, testProcessEnv } from './env';

/**
 * A deployable's real entry point (node with tsx's loader: no wrapper between the process and its
 * signals), in a process group of its own so a kill reaches all of it.
 */
export function startDeployable(
  entry: string,
  env: NodeJS.ProcessEnv = {},
  args: string[] = [],
): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { ...testProcessEnv(), ...env },
    stdio: 'ignore',
    detached: true,
  });
}

/** Signals a deployable's whole process group (SIGKILL: no chance to unlock or finish anything). */
export const killGroup = (child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGKILL') => {
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  }
};

/** scripts/engine.sh for a test engine node (the shared test node, or one given by `env`). */
export const engineScript = (command: 'start' | 'stop' | 'reset', env: NodeJS.ProcessEnv = {}) =>
  execFileSync('bash', ['scripts/engine.sh', command], {
    cwd: ROOT,
    env: { ...testProcessEnv(), ...env },
    stdio: 'ignore',
  });

/** A free-standing port number for this work tree's own servers, moved by TEST_ENGINE_PORT like the rest. */
export const ownPort = (base: number) => base + (Number(testProcessEnv().ZHIZHI_ENGINE_PORT) % 10_000);

/** PostgreSQL's binaries of the newest installed major (Debian's layout), or those on PATH. */
function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const major of majors) {
    const bin = path.join(root, major, 'bin', name);
    if (existsSync(bin)) return bin;
  }
  return name;
}

/** Runs a PostgreSQL binary; as root through the `postgres` user (PostgreSQL refuses to run as root). */
function asPostgres(bin: string, args: string[]) {
  const [cmd, argv] =
    process.getuid?.() === 0
      ? ['runuser', ['-u', 'postgres', '--', pgBin(bin), ...args]]
      : [pgBin(bin), args];
  execFileSync(cmd, argv, { stdio: 'ignore', cwd: tmpdir() });
}

/** A throw-away PostgreSQL cluster on its own port (trust authentication, no fsync). */
export function ownPostgres(port: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'zhizhi-pg-'));
  if (process.getuid?.() === 0)
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
  const data = path.join(dir, 'data');
  const ctl = (...args: string[]) => asPostgres('pg_ctl', ['-D', data, ...args]);
  return {
    port,
    url: (db: string) => `postgresql://postgres@127.0.0.1:${port}/${db}`,
    init() {
      asPostgres('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    },
    start() {
      ctl(
        '-w',
        '-l',
        path.join(dir, 'postgres.log'),
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
        'start',
      );
    },
    /** Stops at once: open connections are cut, as when the server goes away. */
    stop: () => ctl('-w', '-m', 'fast', 'stop'),
    destroy() {
      try {
        ctl('-w', '-m', 'immediate', 'stop');
      } catch {
        // Not running.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A throw-away Redis server on its own port, persisting to an append-only file like production. */
export function ownRedis(port: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'zhizhi-redis-'));
  let server: ChildProcess | undefined;
  const up = () => {
    try {
      return (
        execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] })
          .toString()
          .trim() === 'PONG'
      );
    } catch {
      return false;
    }
  };
  return {
    url: (db = 0) => `redis://127.0.0.1:${port}/${db}`,
    async start() {
      server = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--appendonly',
          'yes',
          '--appendfsync',
          'always',
          '--save',
          '',
        ],
        { stdio: 'ignore' },
      );
      for (let i = 0; !up(); i++) {
        if (i > 100) throw new Error(`redis-server on ${port} did not start`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      const s = server;
      if (!s || s.exitCode !== null) return;
      const exited = new Promise((r) => s.once('exit', r));
      s.kill('SIGTERM');
      await exited;
    },
    async destroy() {
      await this.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
