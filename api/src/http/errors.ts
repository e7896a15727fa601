import type { Middleware } from 'koa';
import { z } from 'zod';
import { t, type Localized, type MessageKey } from '../../../lib/i18n';

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
  ) {
    super(code);
  }
}

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
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) return t('error.required');
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1)
    return t('error.required');
  if (issue.code === 'too_big' && (issue.origin === 'string' || issue.origin === 'array'))
    return t('error.tooLong');
  return t('error.invalid');
}

/** Validate input with a zod schema; a failure is a 400 naming every bad field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new HttpError(
    400,
    'error.validation',
    result.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(body)',
      message: fieldMessage(issue, input),
    })),
  );
}

export function errorHandler(onUnexpected: (err: unknown) => void): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const known = err instanceof HttpError;
      // Body parser errors (malformed JSON, too large) carry their own 4xx status.
      const status = known ? err.status : ((err as { status?: number }).status ?? 500);
      const code: MessageKey = known ? err.code : status < 500 ? 'error.validation' : 'error.internal';
      if (status >= 500 && !known) onUnexpected(err);
      ctx.status = status;
      ctx.body = {
        error: { code, message: t(code), ...(known && err.fields.length ? { fields: err.fields } : {}) },
      };
    }
  };
}
