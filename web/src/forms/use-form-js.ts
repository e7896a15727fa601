import { useContext, useEffect, useRef } from 'react';
import { I18nContext, inLocale, type Locale } from '../i18n';
import { createForm, type Form } from './form-js';

type Component = Record<string, unknown> & { components?: Component[]; values?: { label?: unknown }[] };
const localize = (c: Component, locale: Locale): Component => ({
  ...c,
  ...Object.fromEntries(
    (['label', 'text', 'description'] as const).filter((k) => k in c).map((k) => [k, inLocale(c[k], locale)]),
  ),
  ...(Array.isArray(c.values)
    ? { values: c.values.map((v) => ({ ...v, label: inLocale(v.label, locale) })) }
    : {}),
  ...(Array.isArray(c.components)
    ? { components: c.components.map((child) => localize(child, locale)) }
    : {}),
});

/** A deployed Camunda Form and the values it opens with. */
export interface FormSource {
  schema: unknown;
  data: Record<string, unknown>;
}

/**
 * Renders `source` with form-js into `container` (nothing while it is null or has no schema);
 * `values()` is what to send: the form's data, `{}` for no form, or null while a field is invalid
 * (form-js then shows why at the field). The inbox drawer, a case page's step and 发起 use it.
 */
export function useFormJs(source: FormSource | null | undefined) {
  const container = useRef<HTMLDivElement>(null);
  const form = useRef<Form | null>(null);
  const { locale } = useContext(I18nContext);
  useEffect(() => {
    if (!source?.schema || !container.current) return;
    const viewer = createForm(container.current, locale);
    form.current = viewer;
    const schema = localize(source.schema as Component, locale);
    void viewer.importSchema(schema as Parameters<Form['importSchema']>[0], source.data);
    return () => {
      viewer.destroy();
      if (form.current === viewer) form.current = null;
    };
    // The language words the form as it opens; switching it must not clear what was typed.
  }, [source]);
  const values = (): Record<string, unknown> | null => {
    if (!form.current) return {};
    const result = form.current.submit();
    return Object.keys(result.errors).length ? null : result.data;
  };
  return { container, values };
}
