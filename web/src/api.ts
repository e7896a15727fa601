import type { paths } from './api-types';
import type { Locale, Localized } from './i18n';

/**
 * What a route takes and answers, from the types generated from the API's OpenAPI document (npm
 * run api:types, from each route's one declaration): the JSON body of a POST or PUT, the query of
 * a GET, and the JSON answer of a success.
 */
type Method = 'get' | 'post' | 'put' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
export type BodyOf<P extends keyof paths, M extends 'post' | 'put' = 'post'> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
export type QueryOf<P extends keyof paths> =
  Operation<P, 'get'> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type Success<Rs> = { [S in keyof Rs]: S extends 200 | 201 | 202 ? JsonOf<Rs[S]> : never }[keyof Rs];
export type AnswerOf<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { responses: infer Rs } ? Success<Rs> : never;

export interface ApiError {
  code: string;
  message: Localized;
  fields?: { field: string; message: Localized }[];
  /** Seconds until a locked-out sign-in may be tried again (429 from /api/auth/login). */
  retryAfter?: number;
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
    // One entry per field with all its errors: antd keeps only the last entry of a name.
    const byField = new Map<string, string[]>();
    for (const f of this.error.fields ?? [])
      byField.set(f.field, [...(byField.get(f.field) ?? []), f.message[locale]]);
    // `parties.1.phone` names a field of a list: antd's path for it is ['parties', 1, 'phone'].
    return [...byField].map(([field, errors]) => ({
      name: field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors,
    }));
  }

  /** The API's message and every named field, in the user's language. */
  describe(locale: Locale): string {
    const fields = (this.error.fields ?? []).map((f) => `${f.field}: ${f.message[locale]}`);
    return [this.error.message[locale], ...fields].join('；');
  }
}

/** An answer that never came (offline, the server down) or was not the API's JSON (a proxy's error page). */
export const UNREACHABLE: ApiError = {
  code: 'error.unreachable',
  message: {
    'zh-CN': '无法连接服务器，请检查网络后重试',
    en: 'Cannot reach the server; check the network and try again',
  },
};
const BAD_ANSWER = (status: number): ApiError => ({
  code: 'error.badAnswer',
  message: {
    'zh-CN': `服务器暂时无法处理请求（${status}），请稍后重试`,
    en: `The server could not answer (${status}); try again later`,
  },
});

/** What went wrong, for the user, in their language: never a raw "TypeError: Failed to fetch". */
export const errorText = (err: unknown, locale: Locale) =>
  err instanceof ApiFailure ? err.describe(locale) : UNREACHABLE.message[locale];

/**
 * Called when the API answers 401 to a signed-in page: the session expired or was revoked, so
 * the shell goes back to the login page (App registers it).
 */
let onUnauthorized: () => void = () => undefined;
export const whenUnauthorized = (handler: () => void) => {
  onUnauthorized = handler;
};

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiFailure(0, UNREACHABLE);
  }
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok || data === null) {
    // A login that fails is the login page's own error, not an expired session.
    if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
    throw new ApiFailure(res.status, data?.error ?? BAD_ANSWER(res.status));
  }
  return data as T;
}

/** Who is signed in (GET /api/me). */
export type Me = AnswerOf<'/api/me'>['user'];
