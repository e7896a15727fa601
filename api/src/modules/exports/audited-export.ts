import type { RouterContext } from '@koa/router';
import type { Logger } from 'pino';
import { errorStatus, HttpError } from '../../http/errors';
import type { AuditLog } from '../audit/audit.service';
import { caller, type AppState } from '../auth/session.middleware';

/** What leaves the system and how it is named in the audit log and to the browser. */
export interface ExportSpec {
  /** `export.xlsx`, `export.pdf`: the audit log's action. */
  action: string;
  subjectType: string;
  subjectId: string;
  /** What selected the rows: a list's query, or the record printed. */
  filter: object;
  fileName: string;
  contentType: string;
  disposition: 'attachment' | 'inline';
}

/**
 * Sends a document (a workbook, a PDF) audited like a write: the entry (who, which export, the
 * filter) is written before a byte is sent, so no entry means no export, and it is completed
 * with the row count once the last row is out (status 500 when the document failed midway).
 * A refused export never gets here: the refused-read audit writes its one entry.
 */
export function auditedExport(audit: AuditLog, log: Logger) {
  return async (
    ctx: RouterContext<AppState>,
    spec: ExportSpec,
    build: (onEnd: (rows: number | null) => void) => Promise<NodeJS.ReadableStream>,
  ) => {
    const { user } = caller(ctx.state);
    const { filter } = spec;
    const entry = {
      by: user.id,
      actorPath: user.org.path,
      action: spec.action,
      subjectType: spec.subjectType,
      subjectId: spec.subjectId,
      address: ctx.ip,
    };
    const id = await audit.begin({ ...entry, detail: { filter } }).catch((err: unknown) => {
      log.error({ err }, 'audit log cannot be written: export refused');
      throw new HttpError(503, 'error.auditUnavailable');
    });
    ctx.state.readAudited = true;
    const finish = (status: number, rows?: number) =>
      audit
        .finish(id, { ...entry, status, detail: { filter, ...(rows === undefined ? {} : { rows }) } })
        .catch((err: unknown) => log.error({ err, auditId: String(id) }, 'EXPORT OUTCOME NOT RECORDED'));
    try {
      const body = await build((rows) => void finish(rows === null ? 500 : 200, rows ?? undefined));
      ctx.type = spec.contentType;
      ctx.set(
        'Content-Disposition',
        `${spec.disposition}; filename*=UTF-8''${encodeURIComponent(spec.fileName)}`,
      );
      ctx.body = body;
    } catch (err) {
      await finish(errorStatus(err));
      throw err;
    }
  };
}
