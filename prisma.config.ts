import { defineConfig } from 'prisma/config';
import { migrationAdapter } from './prisma/migrate-adapter';
// Without this the CLI idles ~10 s after every `migrate deploy` (see the file).
import './prisma/unref-wasm-lock-timer';

// Offline machines: no usage/update check from the CLI.
process.env.CHECKPOINT_DISABLE ??= '1';

// With a prisma.config.ts Prisma does not load .env. schema.prisma still needs a resolvable
// `url = env("DATABASE_URL")`: without it the CLI cannot read the generator block and falls
// back to downloading a native query engine, which these machines cannot reach.
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/zhizhi';
const url = process.env.DATABASE_URL;

export default defineConfig({
  // Prisma 6.19: the WASM schema engine driven through a JS driver adapter, so generate,
  // migrate diff/deploy/status need no native schema-engine binary (docs/development.md, "Prisma").
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  async adapter() {
    return migrationAdapter(url);
  },
});
