import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's state kept in the URL's query (`/todo?step=verify&page=2`), so a reload, Back from a
 * record and a shared link show the same list. Only `keys` are read; only what differs from
 * `defaults` is written, so a link to the list as it opens stays short. `defaults` must keep its
 * identity between renders (a module constant or a memo).
 */
export function useUrlState(defaults: Readonly<Record<string, string>>, keys: readonly string[]) {
  const [params, setParams] = useSearchParams();
  const qs = params.toString();
  const state = useMemo(() => {
    const read = new URLSearchParams(qs);
    const s: Record<string, string> = { ...defaults };
    for (const k of keys) {
      const v = read.get(k);
      if (v) s[k] = v;
    }
    return s;
  }, [qs, defaults, keys]);
  const show = useCallback(
    (next: Record<string, string | number | undefined>) =>
      setParams(
        Object.fromEntries(
          Object.entries(next)
            .map(([k, v]) => [k, v === undefined ? '' : String(v)] as const)
            .filter(([k, v]) => v !== '' && (defaults[k] ?? '') !== v),
        ),
      ),
    [defaults, setParams],
  );
  return { state, show, qs };
}
