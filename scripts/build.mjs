/* global process, console */
// `npm run build`: the deployables as plain JavaScript under dist/ (same layout as the sources,
// so paths found from __dirname still meet their files) and the web app built once into
// dist/web/dist. `npm run start:prod` and the Docker image run this with node alone: no tsx, no
// dev dependency at run time. Migrations stay with the Prisma CLI (a run-time dependency), which
// loads prisma.config.ts itself.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist');

/** Every process the build ships: what each reaches by import is compiled with it. */
const ENTRY_POINTS = [
  'api/src/main.ts',
  'workers/src/main.ts',
  'scripts/setup.ts',
  'scripts/bootstrap.ts',
  'scripts/seed.ts',
  'scripts/deploy-processes.ts',
  'scripts/reencrypt-fields.ts',
];

/** Loaded by path rather than by import: the workers (found by file name) and files read beside the code. */
const workers = readdirSync(path.join(ROOT, 'loops'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.worker\.ts$/.test(f) && !f.includes('__tests__'))
  .map((f) => path.join('loops', f));
const ASSETS = ['processes', '.bpmnlintrc', 'api/src/modules/processes/lint-thread.mjs'];

process.chdir(ROOT);
rmSync(OUT, { recursive: true, force: true });

// The local sources the entry points reach (packages stay in node_modules)…
const { metafile } = await build({
  entryPoints: [...ENTRY_POINTS, ...workers],
  bundle: true,
  write: false,
  metafile: true,
  platform: 'node',
  packages: 'external',
  outdir: OUT,
  logLevel: 'warning',
});
const sources = Object.keys(metafile.inputs).filter((f) => f.endsWith('.ts'));

// …each compiled on its own, so dynamic requires and __dirname behave as under tsx.
await build({
  entryPoints: sources,
  outdir: OUT,
  outbase: '.',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
for (const asset of ASSETS) cpSync(asset, path.join(OUT, asset), { recursive: true });

execFileSync(
  process.execPath,
  [
    path.join(ROOT, 'node_modules/vite/bin/vite.js'),
    'build',
    'web',
    '--outDir',
    path.join(OUT, 'web/dist'),
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ],
  { stdio: 'inherit' },
);
console.log(`[build] ${sources.length} modules and the web app in dist/`);
