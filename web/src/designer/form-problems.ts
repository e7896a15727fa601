// What the designer page needs of the form editor without loading it (form-js's editor is a chunk of its own).

/** A Camunda Form as form-js saves it. */
export type FormSchema = Record<string, unknown>;

export interface FormEditorHandle {
  schema(): FormSchema;
}

interface Component {
  key?: unknown;
  label?: unknown;
  type?: unknown;
  components?: unknown;
}

const INPUT_TYPES = new Set([
  'textfield',
  'textarea',
  'number',
  'checkbox',
  'checklist',
  'radio',
  'select',
  'taglist',
  'datetime',
]);

/**
 * What would fail on deploy or in the case, before the designer leaves the editor: an input
 * without a key, a key used twice. (Protected variables and fields a worker reads are the API's
 * check on deploy: it names the form and the key.)
 */
export function formProblems(
  schema: FormSchema,
): { key: 'form.duplicateKey' | 'form.noKey'; value: string }[] {
  const seen = new Set<string>();
  const problems: { key: 'form.duplicateKey' | 'form.noKey'; value: string }[] = [];
  const walk = (components: unknown) => {
    if (!Array.isArray(components)) return;
    for (const c of components as Component[]) {
      if (typeof c.key === 'string' && c.key) {
        if (seen.has(c.key)) problems.push({ key: 'form.duplicateKey', value: c.key });
        seen.add(c.key);
      } else if (INPUT_TYPES.has(String(c.type)))
        problems.push({ key: 'form.noKey', value: String(c.label ?? c.type) });
      walk(c.components);
    }
  };
  walk(schema.components);
  return problems;
}
