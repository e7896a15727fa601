import type { Locale, Localized } from './i18n';

export interface ApiError {
  code: string;
  message: Localized;
  fields?: { field: string; message: Localized }[];
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message.en);
  }

  /** The named fields' errors in the shape antd's `form.setFields` takes. */
  fieldErrors(locale: Locale) {
    return (this.error.fields ?? []).map((f) => ({ name: f.field, errors: [f.message[locale]] }));
  }

  /** The API's message and every named field, in the user's language. */
  describe(locale: Locale): string {
    const fields = (this.error.fields ?? []).map((f) => `${f.field}: ${f.message[locale]}`);
    return [this.error.message[locale], ...fields].join('；');
  }
}

/** What went wrong, for the user: the API's message and fields in their language, else the error itself. */
export const errorText = (err: unknown, locale: Locale) =>
  err instanceof ApiFailure ? err.describe(locale) : String(err);

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
  });
  if (res.status === 204) return undefined as T;
  const data = await res.json();
  if (!res.ok) throw new ApiFailure(res.status, data.error);
  return data as T;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  org: { id: string; name: string; type: string; path: string };
}
