import type { Middleware } from 'koa';
import { z } from 'zod';
import { EngineError, EngineUnavailableError } from '../../../lib/engine/process-engine';
import { t, type Localized, type MessageKey } from '../../../lib/i18n';

/** What an error may carry besides its code and fields. */
export interface HttpErrorExtra {
  /** The message when it has more in it than the code's text (e.g. a duration). */
  message?: Localized;
  /** Further fields of the error object, e.g. `retryAfter`. */
  detail?: Record<string, unknown>;
  /** Response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

export interface FieldError {
  field: string;
  message: Localized;
}

/** An error the client caused or may retry; rendered as JSON with zh-CN and English text. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageKey,
    readonly fields: FieldError[] = [],
    readonly extra: HttpErrorExtra = {},
  ) {
    super(code);
  }
}

/**
 * A date as input: an ISO string or epoch milliseconds that PostgreSQL can hold (a JavaScript date
 * reaches the year 275760; the database refuses it with a 500 if it gets that far).
 */
export const storableDate = z.coerce
  .date()
  .min(new Date('1900-01-01T00:00:00Z'))
  .max(new Date('9999-12-31T00:00:00Z'));

/** A real calendar date, `YYYY-MM-DD` (2026-02-30 is refused, as the calendar refuses it). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => {
    const ms = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
  });

/** A 400 naming one bad field, for what a schema cannot check (the data behind an id, scope). */
export const fieldError = (field: string, message: Localized) =>
  new HttpError(400, 'error.validation', [{ field, message }]);

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    input,
  );
}

function fieldMessage(issue: z.core.$ZodIssue, input: unknown): Localized {
  // A checker in lib (identity numbers) says in its issue which message names the fault.
  if (issue.code === 'custom' && typeof issue.params?.messageKey === 'string')
    return t(issue.params.messageKey as MessageKey);
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) return t('error.required');
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1)
    return t('error.required');
  if (issue.code === 'too_big' && (issue.origin === 'string' || issue.origin === 'array'))
    return t('error.tooLong');
  return t('error.invalid');
}

// NUL, C0/C1 control characters other than tab, newline and carriage return, and lone UTF-16
// surrogates: PostgreSQL refuses some, none belongs in what a person types.
const BAD_TEXT =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string (and object key) of an input with a character no field may hold, by path. */
function badTextPaths(input: unknown, path: string[] = []): string[] {
  if (typeof input === 'string') return BAD_TEXT.test(input) ? [path.join('.') || '(body)'] : [];
  if (Array.isArray(input)) return input.flatMap((v, i) => badTextPaths(v, [...path, String(i)]));
  if (input && typeof input === 'object')
    return Object.entries(input).flatMap(([k, v]) =>
      BAD_TEXT.test(k) ? [[...path, '(key)'].join('.')] : badTextPaths(v, [...path, k]),
    );
  return [];
}

/**
 * Validate input with a zod schema, once, at the edge: text with characters no field may hold
 * and anything the schema refuses are a 400 naming every bad field.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): z.infer<S> {
  const named = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const bad = badTextPaths(input);
  if (bad.length)
    throw new HttpError(
      400,
      'error.validation',
      bad.map((field) => ({ field: named(field), message: t('error.badText') })),
    );
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new HttpError(
    400,
    'error.validation',
    result.error.issues.flatMap((issue) =>
      // An unknown field is named itself, not its parent.
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            field: named([...issue.path, key].join('.')),
            message: t('error.unknownField'),
          }))
        : [{ field: named(issue.path.join('.') || '(body)'), message: fieldMessage(issue, input) }],
    ),
  );
}

/** Routes whose body is a file's bytes (its own Content-Type), read as a stream by the route. */
export const RAW_BODY_ROUTES = new Set(['POST /api/attachments']);

/**
 * A request that carries a body must say it is JSON: a form post or text/plain would otherwise
 * arrive as an empty object and look like a request with every field left out.
 */
export const requireJson: Middleware = async (ctx, next) => {
  if (!ctx.path.startsWith('/api/') || RAW_BODY_ROUTES.has(`${ctx.method} ${ctx.path}`)) return next();
  const hasBody = (ctx.request.length ?? 0) > 0 || ctx.get('Transfer-Encoding') !== '';
  if (hasBody && !ctx.is('application/json')) throw new HttpError(415, 'error.unsupportedMediaType');
  await next();
};

/**
 * Prisma's errors for a database that cannot answer in time: unreachable, the pool exhausted, a
 * transaction that ran out of time (as when the machine is starved), or — through the pg driver
 * adapter — a connection the server closed or refused (SQLSTATE class 08, 57P01–57P03: shutdown,
 * crash, starting up). A 503 the client may retry, not a 500: nothing was written (the
 * transaction rolled back). The pg client's own errors for a connection already lost (a COMMIT
 * sent on it, in the PostgreSQL outage fault test) reach us bare, with only their message to
 * tell them apart.
 */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
const UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
const LOST_CONNECTION =
  /^(Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Connection terminated( unexpectedly)?)$/;
function databaseUnavailable(err: unknown): boolean {
  type Cause = { kind?: string; code?: string };
  const {
    code,
    name,
    meta,
    cause: own,
    message,
  } = (err ?? {}) as { code?: unknown; name?: unknown; meta?: unknown; cause?: Cause; message?: unknown };
  // Wrapped by Prisma in `meta`, or thrown bare (a transaction's BEGIN/COMMIT on a closed connection).
  const cause =
    name === 'DriverAdapterError'
      ? own
      : (meta as { driverAdapterError?: { cause?: Cause } } | undefined)?.driverAdapterError?.cause;
  return (
    (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) ||
    name === 'PrismaClientInitializationError' ||
    (typeof message === 'string' && LOST_CONNECTION.test(message)) ||
    (cause !== undefined &&
      (UNAVAILABLE_KINDS.has(cause.kind ?? '') ||
        (cause.kind === 'postgres' && /^(08|57P0[123])/.test(cause.code ?? ''))))
  );
}

/**
 * The engine's error as the caller's, for every module: a refusal the request caused (a diagram
 * or expression it cannot parse, a variable it cannot take) is a 400 naming each element the
 * engine names — else `field` — in the engine's words; no answer, or a failure of the engine's
 * own, is a 503 to retry. Never a 503 for what retrying cannot fix.
 */
export function engineHttpError(err: EngineError | EngineUnavailableError, field = 'request'): HttpError {
  if (!(err instanceof EngineError && err.refused)) return new HttpError(503, 'error.engineUnavailable');
  const problems = err.problems.length ? err.problems : [{ elementId: undefined, message: err.message }];
  return new HttpError(
    400,
    'error.engineRejected',
    problems.map((p) => ({ field: p.elementId ?? field, message: { 'zh-CN': p.message, en: p.message } })),
  );
}

/** An error as what the client is told: the engine's errors mapped by engineHttpError. */
const answerable = (err: unknown) =>
  err instanceof EngineError || err instanceof EngineUnavailableError ? engineHttpError(err) : err;

/** The status a thrown error is answered with (errorHandler's rule; the audit log records it too). */
export function errorStatus(thrown: unknown): number {
  const err = answerable(thrown);
  if (err instanceof HttpError) return err.status;
  if (databaseUnavailable(err)) return 503;
  // Body parser errors (malformed JSON, too large) carry their own 4xx status.
  return (err as { status?: number }).status ?? 500;
}

export function errorHandler(onUnexpected: (err: unknown) => void): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (thrown) {
      const err = answerable(thrown);
      const known = err instanceof HttpError;
      const status = errorStatus(err);
      const unavailable = !known && databaseUnavailable(err);
      const code: MessageKey = known
        ? err.code
        : unavailable
          ? 'error.databaseUnavailable'
          : status < 500
            ? 'error.validation'
            : 'error.internal';
      if (status >= 500 && !known) onUnexpected(err);
      ctx.status = status;
      if (known && err.extra.headers) ctx.set(err.extra.headers);
      ctx.body = {
        error: {
          code,
          message: (known && err.extra.message) || t(code),
          ...(known ? err.extra.detail : {}),
          ...(known && err.fields.length ? { fields: err.fields } : {}),
        },
      };
    }
  };
}
