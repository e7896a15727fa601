/**
 * Driver adapter used ONLY by the Prisma CLI (prisma.config.ts) to run the
 * WASM schema engine (`engine: 'js'`) offline. The app/tests use the plain
 * `PrismaPg` adapter (see src/db.ts).
 *
 * Works around two bugs of @prisma/adapter-pg 6.19.x:
 *  1. Postgres catalog types `name` (OID 19) and `"char"` (OID 18) are not
 *     mapped -> "Column type 'name' | 'char' could not be deserialized from the
 *     database" (`name` in `migrate deploy`, `char` when the engine introspects
 *     a database, e.g. `migrate diff --from-migrations`). We report them as
 *     `text`; their values are plain strings in pg's text protocol anyway.
 *  2. `connectToShadowDb()` spreads `{ ...config, database }`, but pg lets
 *     `connectionString` override `database`, so the "shadow" pool would
 *     point at the MAIN database. We create/drop our own shadow database
 *     named `<main db>_shadow_<random>` instead.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';

// Postgres catalog types that adapter-pg 6.19 cannot map -> equivalent it can.
const OID_REMAP: Record<number, number> = {
  18: 25, // "char"  (pg_class.relkind, pg_constraint.contype, ...) -> text
  19: 25, // name    (current_schema(), nspname, ...)                -> text
  1003: 1009, // name[] -> text[]
};

type AnyResult = { fields?: Array<{ dataTypeID: number }> } | undefined;

function remapCatalogTypes<T>(res: T): T {
  const results = (Array.isArray(res) ? res : [res]) as AnyResult[];
  for (const r of results) {
    for (const f of r?.fields ?? []) {
      const mapped = OID_REMAP[f.dataTypeID];
      if (mapped !== undefined) f.dataTypeID = mapped;
    }
  }
  return res;
}

/** pg Client whose results report `name`/`"char"` columns as `text`. */
class CatalogTypesAsTextClient extends pg.Client {
  // pg.Client#query has many overloads; handle callback and promise styles.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (err: Error | null, res: unknown) =>
        last(err, err ? res : remapCatalogTypes(res));
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const ret = (super.query as (...a: unknown[]) => unknown)(...args);
    return ret instanceof Promise ? ret.then(remapCatalogTypes) : ret;
  }
}

function poolConfig(connectionString: string): pg.PoolConfig {
  // allowExitOnIdle: otherwise the CLI process lingers ~10 s on the idle pool.
  return { connectionString, allowExitOnIdle: true, Client: CatalogTypesAsTextClient };
}

async function adminQuery(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

class MigrationPg extends PrismaPg {
  constructor(private readonly url: string) {
    super(poolConfig(url));
  }

  override async connectToShadowDb(): ReturnType<PrismaPg['connectToShadowDb']> {
    const main = new URL(this.url);
    const mainDb = decodeURIComponent(main.pathname.slice(1)) || 'postgres';
    const shadowDb = `${mainDb}_shadow_${randomBytes(4).toString('hex')}`;
    await adminQuery(this.url, `CREATE DATABASE "${shadowDb}"`);
    const shadowUrl = new URL(this.url);
    shadowUrl.pathname = `/${encodeURIComponent(shadowDb)}`;
    const adapter = await new PrismaPg(poolConfig(shadowUrl.toString())).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await adminQuery(this.url, `DROP DATABASE IF EXISTS "${shadowDb}" WITH (FORCE)`);
    };
    return adapter;
  }
}

export function migrationAdapter(url: string): PrismaPg {
  return new MigrationPg(url);
}
