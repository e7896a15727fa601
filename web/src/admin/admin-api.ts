import { useCallback, useEffect, useState } from 'react';
import { message } from 'antd';
import { api, errorText, type AnswerOf } from '../api';
import type { paths } from '../api-types';
import { I18nContext } from '../i18n';
import { useContext } from 'react';

/** The routes whose GET answers a list `{ items }`. */
type ListPath = {
  [P in keyof paths]: [AnswerOf<P>] extends [never]
    ? never
    : AnswerOf<P> extends { items: unknown[] }
      ? P
      : never;
}[keyof paths];
/** One item of a list route's answer. */
export type ItemOf<P extends ListPath> = AnswerOf<P> extends { items: (infer T)[] } ? T : never;

/** A list from the API (`query` as `?name=value…`), reloaded on demand; errors shown in the user's language. */
export function useList<P extends ListPath>(path: P, query = '') {
  const { locale } = useContext(I18nContext);
  const [items, setItems] = useState<ItemOf<P>[]>([]);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(() => {
    setLoading(true);
    api<{ items: ItemOf<P>[] }>(`${path}${query}`)
      .then(
        (r) => setItems(r.items),
        (err) => message.error(errorText(err, locale)),
      )
      .finally(() => setLoading(false));
  }, [path, query, locale]);
  useEffect(reload, [reload]);
  return { items, loading, reload };
}

/** Runs an admin change, shows what went wrong, reloads after success. */
export function useAction() {
  const { locale } = useContext(I18nContext);
  return useCallback(
    async <T>(run: () => Promise<T>, after?: (result: T) => void): Promise<T | undefined> => {
      try {
        const result = await run();
        after?.(result);
        return result;
      } catch (err) {
        message.error(errorText(err, locale));
        return undefined;
      }
    },
    [locale],
  );
}
