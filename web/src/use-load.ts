import { useCallback, useContext, useEffect, useState } from 'react';
import { errorText } from './api';
import { I18nContext } from './i18n';

/**
 * Data a page loads, with the three states kept apart: loading (nothing known yet), failed (an
 * error in the user's language, and `reload` to try again) and loaded (which may be empty).
 * A page must never show "0" or "暂无" while it does not know yet.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const { locale } = useContext(I18nContext);
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  // The caller's deps decide when to load again, as with useEffect.
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    let current = true;
    setState((s) => ({ data: s.data, loading: true }));
    run().then(
      (data) => current && setState({ data, loading: false }),
      (err) => current && setState({ error: errorText(err, locale), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [run, locale]);
  useEffect(reload, [reload]);
  return { ...state, reload };
}
