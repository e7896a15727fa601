import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import type { Db } from '../../../../lib/db';
import { errorStatus, HttpError } from '../../http/errors';
import type { AppState } from '../auth/session.middleware';
import { createAuditLog, type AuditEntry } from './audit.service';

/** What a route says about its write, where the route alone does not say it well enough. */
export interface AuditNote {
  /** A domain verb instead of the route, e.g. `process.deploy`, `password.change`. */
  action?: string;
  subjectType?: string;
  subjectId?: string;
  /** The actor when the request had no session yet (a sign-in). */
  by?: string | null;
  /** Extra facts, never secrets or field values of sensitive records. */
  detail?: Record<string, unknown>;
}

/** Names what the audit entry of this request is about; later calls add to earlier ones. */
export function auditAs(state: AppState, note: AuditNote) {
  state.audit = { ...state.audit, ...note, detail: { ...state.audit?.detail, ...note.detail } };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Text from the request (path, keys) made safe to store: printable, bounded. */
const clean = (text: string, max: number) => text.replace(/[^\p{L}\p{N}\p{P}\p{S} ]/gu, '?').slice(0, max);

/** The names of the fields a body sets, two levels deep (`variables.outcome`), never their values. */
function fieldNames(body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  return Object.entries(body)
    .flatMap(([key, value]) =>
      value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length
        ? Object.keys(value).map((inner) => `${key}.${inner}`)
        : [key],
    )
    .slice(0, 50)
    .map((name) => clean(name, 80));
}

/** The resource a path names: `/api/tasks/123/complete` → `tasks`. */
const resourceOf = (path: string) => clean(path.split('/')[2] ?? '', 40);

/** The record the request acted on: the route's first parameter, else the id or key it created. */
function subjectIdOf(ctx: Context): string {
  const params = Object.values((ctx as { params?: Record<string, string> }).params ?? {});
  if (params[0]) return clean(params[0], 120);
  const body = ctx.body as { id?: unknown; key?: unknown } | null | undefined;
  const created = body && typeof body === 'object' ? (body.id ?? body.key) : undefined;
  return typeof created === 'string' || typeof created === 'number' ? String(created) : '';
}

/**
 * Every state-changing request to /api lands in the audit log: who, when, which route (or the
 * domain verb the route names with `auditAs`), on which record, from which address, the names of
 * the fields it sent (never values), and the status it was answered with — refused ones (4xx)
 * too, since refused attempts are what an auditor looks for.
 *
 * Fail closed (等保 三级): the entry is written BEFORE the request runs; if it cannot be written the
 * request is refused with a 503 and nothing is done. After the answer the entry is completed with
 * the outcome; if that second write fails the action has already happened (the engine cannot be
 * rolled back), so the answer stands, the entry keeps status null ("outcome unknown") and the
 * failure is logged at error level.
 */
export function auditWrites(db: Db, log: Logger): Middleware<AppState> {
  const audit = createAuditLog(db);
  return async (ctx, next) => {
    if (!STATE_CHANGING.has(ctx.method) || !ctx.path.startsWith('/api/')) return next();
    const started: AuditEntry = {
      by: ctx.state.user?.id ?? null,
      action: `${ctx.method} ${clean(ctx.path, 200)}`,
      subjectType: resourceOf(ctx.path),
      subjectId: '',
      address: ctx.ip,
      actorPath: ctx.state.user?.org.path ?? null,
    };
    let id: bigint;
    try {
      id = await audit.begin(started);
    } catch (err) {
      // A database that is down is named as such (errorHandler's 503); anything else as the audit log.
      if (errorStatus(err) === 503) throw err;
      log.error({ err }, 'audit log cannot be written: write refused');
      throw new HttpError(503, 'error.auditUnavailable');
    }
    let failure: unknown;
    try {
      await next();
    } catch (err) {
      failure = err;
    }
    const note = ctx.state.audit;
    const route = ctx._matchedRoute ? `${ctx.method} ${String(ctx._matchedRoute)}` : started.action;
    const fields = fieldNames(ctx.request.body);
    const detail = {
      ...(note?.action ? { route } : {}),
      ...(fields.length ? { fields } : {}),
      ...note?.detail,
    };
    await audit
      .finish(id, {
        by: ctx.state.user?.id ?? note?.by ?? null,
        // A sign-in names its actor only now: their unit is looked up from `by`.
        actorPath: ctx.state.user ? started.actorPath : undefined,
        action: note?.action ?? route,
        subjectType: note?.subjectType ?? started.subjectType,
        subjectId: note?.subjectId ?? subjectIdOf(ctx),
        address: started.address,
        status: failure === undefined ? ctx.status : errorStatus(failure),
        detail: Object.keys(detail).length ? detail : undefined,
      })
      .catch((err: unknown) =>
        log.error({ err, auditId: String(id), route }, 'AUDIT OUTCOME NOT RECORDED: the write was done'),
      );
    if (failure !== undefined) throw failure;
  };
}

/**
 * Sensitive reads: a key person's file, a petition (its notices too), a building's page and a
 * resident (块数据), an attachment, an instance of
 * a designer's process (its forms may hold anything a district collects), by id, every
 * Excel export (a list of many records leaving the system) and a case printed as a PDF 办理单.
 */
const SENSITIVE_READS: [RegExp, string, string][] = [
  [/^\/api\/patients\/([^/]+)(\/.*)?$/, 'patient.read', 'Person'],
  [/^\/api\/petitions\/([^/]+)\/notices\/([^/]+)$/, 'petition.notice.read', 'Petition'],
  [/^\/api\/petitions\/([^/]+)(\/.*)?$/, 'petition.read', 'Petition'],
  [/^\/api\/attachments\/([^/]+)$/, 'attachment.read', 'Attachment'],
  [/^\/api\/patrols\/([^/]+)$/, 'patrol.read', 'Patrol'],
  [/^\/api\/process-instances\/([^/]+)$/, 'process-instance.read', 'ProcessInstance'],
  [/^\/api\/exports\/([^/]+)$/, 'export.xlsx', 'Export'],
  [/^\/api\/events\/([^/]+)\/sheet\.pdf$/, 'export.pdf', 'Event'],
  [/^\/api\/disputes\/([^/]+)\/agreement\.pdf$/, 'export.pdf', 'Dispute'],
  // 块数据: a building's page (its residents) and a resident's full view.
  [/^\/api\/base\/buildings\/([^/]+)$/, 'building.read', 'Building'],
  [/^\/api\/base\/residents\/([^/]+)$/, 'resident.read', 'Resident'],
  // An export of residents refused (not staff of an area, or the identity in full without the right).
  [/^\/api\/base\/export\/(residents)$/, 'export.residents', 'Resident'],
];

/**
 * A path with a `.` or `..` segment names no record: every client resolves them before sending
 * (`/api/events/../sheet.pdf` is `/api/sheet.pdf` to a browser), so only a crafted request has one.
 */
const DOT_SEGMENT = /\/\.\.?(\/|$)/;

/** Whether a refused answer to this request is audited as a refused read of a sensitive record. */
export const isSensitiveRead = (method: string, path: string) =>
  method.toUpperCase() === 'GET' && !DOT_SEGMENT.test(path) && SENSITIVE_READS.some(([re]) => re.test(path));

/**
 * A refused read of a sensitive record (403, or the 404 that hides it exists) lands in the audit
 * log once, like a refused write: who tried which record from where. Granted reads are audited
 * by their services, which know what was shown. The refusal already withheld the record, so an
 * entry that cannot be written is logged at error level rather than failing the answer.
 */
export function auditRefusedReads(db: Db, log: Logger): Middleware<AppState> {
  const audit = createAuditLog(db);
  return async (ctx, next) => {
    const match = isSensitiveRead(ctx.method, ctx.path)
      ? SENSITIVE_READS.find(([re]) => re.test(ctx.path))
      : undefined;
    if (!match) return next();
    let failure: unknown;
    try {
      await next();
    } catch (err) {
      failure = err;
    }
    const status = failure === undefined ? ctx.status : errorStatus(failure);
    if ((status === 403 || status === 404) && !ctx.state.readAudited) {
      const [re, action, subjectType] = match;
      const [, id, second] = re.exec(ctx.path)!;
      await audit
        .record({
          by: ctx.state.user?.id ?? null,
          actorPath: ctx.state.user?.org.path ?? null,
          action,
          subjectType,
          subjectId: clean(id, 120),
          address: ctx.ip,
          status,
          detail: {
            route: `${ctx.method} ${clean(ctx.path, 200)}`,
            ...(action === 'petition.notice.read' ? { noticeId: clean(second, 120) } : {}),
          },
        })
        .catch((err: unknown) => log.error({ err, path: ctx.path }, 'refused read not audited'));
    }
    if (failure !== undefined) throw failure;
  };
}
