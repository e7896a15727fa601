/**
 * Engine variables are primitive (string, number, boolean, date, null): no Spin, so no JSON or
 * object values. Business data lives in Zhizhi's database; the engine holds ids and routing facts.
 */
export type Primitive = string | number | boolean | null;
export type Variables = Record<string, Primitive | Date | undefined>;

export interface TypedValue {
  value: unknown;
  type: string;
  valueInfo?: Record<string, unknown>;
}

/** The engine REST date format (`yyyy-MM-dd'T'HH:mm:ss.SSSZ`): ISO with a `+0000` offset, not `Z`. */
export const engineDate = (d: Date) => d.toISOString().replace('Z', '+0000');

/** A value the engine cannot hold as a primitive: a programming error, not a user's. */
export class VariableTypeError extends Error {}

function typed(name: string, value: Primitive | Date): TypedValue {
  if (value === null) return { value: null, type: 'Null' };
  if (value instanceof Date) return { value: engineDate(value), type: 'Date' };
  switch (typeof value) {
    case 'string':
      return { value, type: 'String' };
    case 'boolean':
      return { value, type: 'Boolean' };
    case 'number':
      if (!Number.isFinite(value)) throw new VariableTypeError(`variable ${name} is not a finite number`);
      return Number.isSafeInteger(value) ? { value, type: 'Long' } : { value, type: 'Double' };
    default:
      throw new VariableTypeError(`variable ${name} is not a primitive value`);
  }
}

/** Plain values → the engine's typed values; undefined entries are left out. */
export function toEngineVariables(variables: Variables = {}): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const [name, value] of Object.entries(variables))
    if (value !== undefined) out[name] = typed(name, value);
  return out;
}

/** The engine's typed values → plain values (dates stay the engine's date strings). */
export function fromEngineVariables(variables: Record<string, { value?: unknown }> | undefined | null) {
  const out: Record<string, Primitive> = {};
  for (const [name, v] of Object.entries(variables ?? {})) out[name] = (v?.value ?? null) as Primitive;
  return out;
}
