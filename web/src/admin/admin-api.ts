import { useCallback, useEffect, useState } from 'react';
import { message } from 'antd';
import { api, errorText } from '../api';
import { I18nContext } from '../i18n';
import { useContext } from 'react';

/** A list from the API, reloaded on demand; errors shown in the user's language. */
export function useList<T>(path: string) {
  const { locale } = useContext(I18nContext);
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(() => {
    setLoading(true);
    api<{ items: T[] }>(path)
      .then(
        (r) => setItems(r.items),
        (err) => message.error(errorText(err, locale)),
      )
      .finally(() => setLoading(false));
  }, [path, locale]);
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
