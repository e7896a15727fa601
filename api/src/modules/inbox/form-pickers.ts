/**
 * The pickers a Camunda Form can have with no custom code: a select (or radio) whose options come
 * from input data under a known key — `unitOptions` (units the caller may name) or `userOptions`
 * (people in the units the caller may assign work to). The designer sets “选项来源: 输入数据” and
 * the key in the form editor; the API fills the options when the form opens and checks the value
 * when the form comes back, so a picked id is always one the caller was offered.
 */
import { subject } from '@casl/ability';
import type { Db } from '../../../../lib/db';
import { t } from '../../../../lib/i18n';
import { accessibleBy, type AppAbility, type SessionUser } from '../../abilities';
import { fieldError } from '../../http/errors';
import { UNIT_OPTIONS_KEY, UNIT_VARIABLES } from './form-contract';

export const USER_OPTIONS_KEY = 'userOptions';

interface Caller {
  user: SessionUser;
  ability: AppAbility;
}

interface Component {
  key?: unknown;
  valuesKey?: unknown;
  components?: unknown;
}

/** The form's fields whose options come from `valuesKey`. */
function keysPicking(schema: unknown, valuesKey: string): string[] {
  const walk = (components: unknown): string[] =>
    Array.isArray(components)
      ? (components as Component[]).flatMap((c) => [
          ...(c.valuesKey === valuesKey && typeof c.key === 'string' ? [c.key] : []),
          ...walk(c.components),
        ])
      : [];
  return walk((schema as { components?: unknown } | null)?.components);
}

const nameableUnits = (db: Db, who: Caller) =>
  db.org.findMany({
    where: { AND: [accessibleBy(who.ability, 'read').ofType('Org'), { retiredAt: null }] },
    orderBy: { path: 'asc' },
    select: { id: true, name: true },
  });

const assignablePeople = (db: Db, who: Caller, id?: string) =>
  db.user.findMany({
    where: {
      active: true,
      ...(id ? { id } : {}),
      org: { AND: [accessibleBy(who.ability, 'assign').ofType('Org'), { retiredAt: null }] },
    },
    orderBy: [{ org: { path: 'asc' } }, { displayName: 'asc' }],
    select: { id: true, displayName: true, org: { select: { name: true } } },
    take: 1000,
  });

/** A unit named in a request must exist and be one the caller may name (what GET /api/orgs offers them). */
export async function nameableUnit(db: Db, field: string, unitId: unknown, who: Caller) {
  const org = typeof unitId === 'string' ? await db.org.findUnique({ where: { id: unitId } }) : null;
  // A retired unit takes no new work: it has left every picker.
  if (!org || org.retiredAt) throw fieldError(field, t('error.unknownUnit'));
  if (!who.ability.can('read', subject('Org', org))) throw fieldError(field, t('error.unitNotNameable'));
}

/** The options a form's pickers show, as input data beside the form's values. */
export async function pickerOptions(db: Db, schema: unknown, who: Caller) {
  const options: Record<string, { label: string; value: string }[]> = {};
  if (keysPicking(schema, UNIT_OPTIONS_KEY).length)
    options[UNIT_OPTIONS_KEY] = (await nameableUnits(db, who)).map((u) => ({ label: u.name, value: u.id }));
  if (keysPicking(schema, USER_OPTIONS_KEY).length)
    options[USER_OPTIONS_KEY] = (await assignablePeople(db, who)).map((u) => ({
      label: `${u.displayName}（${u.org.name}）`,
      value: u.id,
    }));
  return options;
}

/**
 * A unit or a person a completion names (a picker's value, or a variable that routes a case) must
 * be one the caller could have picked: else a 400 naming the field.
 */
export async function checkPicked(db: Db, schema: unknown, values: Record<string, unknown>, who: Caller) {
  const units = new Set([...UNIT_VARIABLES, ...keysPicking(schema, UNIT_OPTIONS_KEY)]);
  const people = new Set(keysPicking(schema, USER_OPTIONS_KEY));
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    if (units.has(name)) await nameableUnit(db, `variables.${name}`, value, who);
    else if (people.has(name)) {
      const found = typeof value === 'string' ? await assignablePeople(db, who, value) : [];
      if (!found.length) throw fieldError(`variables.${name}`, t('error.unknownUser'));
    }
  }
}
