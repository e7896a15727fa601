import { useContext, useEffect, useRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { message } from 'antd';
import { I18nContext, inLocale, useT, type Locale } from '../i18n';
import { PhotoPicker, usePickedPhotos, PHOTO_TYPES } from '../field/PhotoPicker';
import { createForm, type Form, type MountPhotoField, type PhotoFieldProps } from './form-js';

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

/** A form's photo field: the app's upload control, telling the form its ids and whether it still uploads. */
function PhotoField({
  id,
  accept,
  multiple,
  onIds,
  onBusy,
}: PhotoFieldProps & { onBusy: (busy: boolean) => void }) {
  const photos = usePickedPhotos();
  const ids = photos.files.flatMap((f) => (f.id ? [f.id] : []));
  const key = ids.join(',');
  // Told when the picked photos change, not as the field opens empty.
  const told = useRef('');
  useEffect(() => {
    if (key === told.current) return;
    told.current = key;
    onIds(ids);
  }, [key]);
  useEffect(() => {
    onBusy(photos.uploading);
  }, [photos.uploading]);
  return <PhotoPicker photos={photos} accept={accept ?? PHOTO_TYPES} multiple={multiple} id={id} />;
}

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
  const i18n = useContext(I18nContext);
  const { locale } = i18n;
  const t = useT();
  // Photo fields still uploading: the form is not sent until their ids are known.
  const uploading = useRef(new Set<string>());
  useEffect(() => {
    if (!source?.schema || !container.current) return;
    // Each photo field is a React root of its own inside form-js's field, in the page's language.
    // form-js may draw a field anew (a condition, a change of data): the root and what it picked
    // move to the new place instead of starting empty; it goes only when the field stays gone.
    const roots = new Map<string, { el: HTMLDivElement; root: Root; leaving?: number }>();
    const mountPhoto: MountPhotoField = (host, props) => {
      let entry = roots.get(props.id);
      if (entry) window.clearTimeout(entry.leaving);
      else {
        const el = document.createElement('div');
        entry = { el, root: createRoot(el) };
        roots.set(props.id, entry);
      }
      const kept = entry;
      host.appendChild(kept.el);
      const onBusy = (busy: boolean) => {
        if (busy) uploading.current.add(props.id);
        else uploading.current.delete(props.id);
      };
      kept.root.render(
        <I18nContext.Provider value={i18n}>
          <PhotoField {...props} onBusy={onBusy} />
        </I18nContext.Provider>,
      );
      return () => {
        // Not while form-js is rendering: React unmounts a root after the current render.
        kept.leaving = window.setTimeout(() => {
          uploading.current.delete(props.id);
          roots.delete(props.id);
          kept.root.unmount();
          kept.el.remove();
        });
      };
    };
    const viewer = createForm(container.current, locale, mountPhoto);
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
    if (uploading.current.size) {
      void message.warning(t('photoUploading'));
      return null;
    }
    const result = form.current.submit();
    return Object.keys(result.errors).length ? null : result.data;
  };
  return { container, values };
}
