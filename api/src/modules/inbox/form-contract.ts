/**
 * The completion contract of a user task: exactly the fields of its Camunda Form, typed as the
 * form types them (text, number, checkbox, radio/select values), with the form's required
 * fields and limits. A field the form does not have is refused by name, so no caller can set a
 * variable that routes or identifies a case (those are set at intake and by workers); even a
 * form that declares one cannot open it to callers.
 */
import { z } from 'zod';
import { CASE_REFERENCE_VARIABLES } from '../../../../lib/cases';
import { LOOPS, loopOfProcess } from '../../../../loops';

/**
 * Variables that identify a case, route it or time it (and anything else a worker sets that is not
 * a form field): never from a completion, whatever a form says. Each loop's manifest lists its own;
 * form-contract.unit.test.ts fails when a diagram or a worker brings a new one no manifest lists.
 */
export const PROTECTED_VARIABLES = new Set<string>(LOOPS.flatMap((loop) => loop.protectedVariables));

/**
 * What a process's forms may not set: for the built-in loops every loop's protected variables;
 * for a process a designer built or imported (its `amount` is its own business) only what would
 * tie it to a case record, and who started it.
 */
const IMPORTED_PROTECTED = new Set([...CASE_REFERENCE_VARIABLES, 'initiator']);
export const protectedVariablesOf = (processId: string) =>
  loopOfProcess(processId) ? PROTECTED_VARIABLES : IMPORTED_PROTECTED;

/** The variables whose value names a unit: the caller must be allowed to name it. */
export const UNIT_VARIABLES = new Set(['handlerOverride', 'targetUnitId']);

/** The variable the API fills with the units a caller may name, for a form's unit picker (`valuesKey`). */
export const UNIT_OPTIONS_KEY = 'unitOptions';

interface FormComponent {
  type: string;
  key?: string;
  label?: string;
  /** form-js number fields: 0 makes the field a whole number. */
  decimalDigits?: number;
  validate?: { required?: boolean; minLength?: number; maxLength?: number; min?: number; max?: number };
  values?: { value: string | boolean | number }[];
  conditional?: { hide?: string };
  components?: FormComponent[];
}

const TEXT_LIMIT = 4000;
/** Photos one field of a step takes: a scene, not an album. */
const PHOTOS_LIMIT = 20;

function fieldSchema(c: FormComponent): z.ZodType | undefined {
  const v = c.validate ?? {};
  switch (c.type) {
    case 'textfield':
    case 'textarea': {
      let s = z
        .string()
        .trim()
        .max(Math.min(v.maxLength ?? TEXT_LIMIT, TEXT_LIMIT));
      if (v.minLength) s = s.min(v.minLength);
      return v.required ? s.min(1) : s;
    }
    case 'number': {
      // Beyond the safe range a number is no longer exact (1e16 + 1 === 1e16).
      const n = z
        .number()
        .min(Math.max(v.min ?? -Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER))
        .max(Math.min(v.max ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
      // A count of days or a risk level is whole: 2.5 is as wrong from the API as the form makes it.
      return c.decimalDigits === 0 ? n.int() : n;
    }
    case 'checkbox':
      return z.boolean();
    case 'radio':
    case 'select': {
      // Options may be booleans (核查 通过/不通过 sets `verified` true or false) or numbers, not only text.
      const values = (c.values ?? []).map((o) => z.literal(o.value));
      return values.length ? z.union(values) : z.string().max(TEXT_LIMIT);
    }
    case 'datetime':
      return z.string().max(64);
    case 'filepicker': {
      // Photos uploaded first (POST /api/attachments), named here by id; whose they are is checked
      // against the case as the step completes (stepPhotos).
      const ids = z.array(z.string().min(1).max(40)).max(PHOTOS_LIMIT);
      return v.required ? ids.min(1) : ids;
    }
    default:
      return undefined;
  }
}

function fieldsOf(components: FormComponent[] = []): FormComponent[] {
  return components.flatMap((c) => (c.components ? fieldsOf(c.components) : c.key ? [c] : []));
}

/** What a form calls each of its fields: key → label, for a page that shows the values without the form. */
export const formFieldLabels = (form: unknown) =>
  new Map(
    fieldsOf((form as { components?: FormComponent[] } | null)?.components).flatMap((c) =>
      c.key && typeof c.label === 'string' && c.label ? [[c.key, c.label] as const] : [],
    ),
  );

/** The keys of a form's photo fields (form-js `filepicker`): their values are attachment ids, not variables. */
export const photoFieldKeys = (form: unknown) =>
  fieldsOf((form as { components?: FormComponent[] } | null)?.components).flatMap((c) =>
    c.type === 'filepicker' && c.key ? [c.key] : [],
  );

/** The keys of a form's fields. */
export const formFieldKeys = (form: unknown) =>
  new Set(
    fieldsOf((form as { components?: FormComponent[] } | null)?.components).flatMap((c) =>
      c.key ? [c.key] : [],
    ),
  );

/** The zod schema of a form's completion: its fields, strict. */
export function formContract(
  form: { components?: FormComponent[] } | null,
  protectedVariables = PROTECTED_VARIABLES,
) {
  const shape: Record<string, z.ZodType> = {};
  for (const c of fieldsOf(form?.components)) {
    if (!c.key || protectedVariables.has(c.key)) continue;
    const schema = fieldSchema(c);
    if (!schema) continue;
    // A field the form can hide is required only when shown; the process checks what it needs.
    const required = c.validate?.required && !c.conditional?.hide;
    shape[c.key] = required ? schema : schema.nullable().optional();
  }
  return z.object(shape).strict();
}
