/**
 * `npm run setup`: what an installer runs before the first start and after every upgrade, and
 * what compose's one-shot setup service runs. Safe to repeat: a second run changes nothing.
 * Then `npm run bootstrap` creates the district and its administrators (once).
 */
import { createPrisma } from '../lib/db';
import { diagrams, loadSetupConfig, migrate } from '../lib/setup';
import { seedDemo } from '../prisma/demo-seed';
import { seedReference } from '../prisma/reference-seed';

async function main() {
  const config = loadSetupConfig();
  const m = await migrate(config);
  console.log(`[setup] migrations: ${m.applied} applied, ${m.total} in all`);
  const db = createPrisma(config.DATABASE_URL);
  try {
    const r = await seedReference(db);
    console.log(
      `[setup] reference data created: ${r.categories} event categories, ${r.disputeTypes} dispute types, ` +
        `${r.slaRules} SLA rules, ${r.teamRoles} care-team roles, ${r.personTypes} key-person types`,
    );
    if (config.SEED_DEMO) {
      const d = await seedDemo(db);
      console.log(
        `[setup] demo district: ${d.orgs} units, ${d.users} users, ${d.channels} channels (demo only)`,
      );
    } else console.log('[setup] demo district: skipped (SEED_DEMO is not true)');
    const { deployed, kept } = await diagrams(config, db);
    console.log(
      `[setup] diagrams: ${deployed.map((p) => `${p.bpmnProcessId} v${p.version}`).join(', ')}` +
        (kept.length ? `; kept a designer's newer ${kept.map((k) => k.id).join(', ')}` : ''),
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error('[setup] failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
