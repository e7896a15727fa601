import { accessibleBy, type SessionUser } from '../../abilities';
import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  IMPORT_KINDS,
  importTemplate,
  importTemplateName,
  planImport,
  type ImportPlan,
  type RowProblem,
} from '../../../../lib/bulk-import';
import type { Db } from '../../../../lib/db';
import type { Queues } from '../../../../lib/queues';
import { instant, listOf, localized } from '../../http/answers';
import { routesOf } from '../../http/define-route';
import { HttpError } from '../../http/errors';
import type { AppState } from '../auth/session.middleware';
import { XLSX } from '../exports/xlsx-stream';
import { auditAdmin } from './admin-scope';

/** Largest import file (before base64): a district's users or grids with WKT boundaries fit. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** An uploaded .xlsx or .csv as an import's body carries it (the 块数据 import takes the same). */
export const importFileFields = {
  fileName: z
    .string()
    .max(200)
    .regex(/\.(xlsx|csv)$/i, '.xlsx or .csv'),
  /** The file, base64. */
  content: z
    .string()
    .min(1)
    .max(Math.ceil(MAX_FILE_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
};
const fileBody = z.strictObject({ kind: z.enum(IMPORT_KINDS), ...importFileFields });
const idParams = z.object({ id: z.string().min(1).max(64) });
const kindParams = z.object({ kind: z.enum(IMPORT_KINDS) });
/** Problems an answer lists; the count says how many there were in all. */
const MAX_LISTED_PROBLEMS = 500;

/**
 * Import files are larger than the API's 1 MB JSON limit: an admin's POST to the import routes is
 * parsed here with room for one file; everyone else's goes on to the ordinary parser (and limit).
 */
export const importBodyParser = (): Middleware<AppState> => {
  const parser = bodyParser({
    enableTypes: ['json'],
    jsonLimit: `${Math.ceil((MAX_FILE_BYTES * 4) / 3 / 1024 / 1024) + 1}mb`,
  });
  return async (ctx, next) => {
    if (
      ctx.method === 'POST' &&
      ctx.path.startsWith('/api/admin/imports') &&
      ctx.state.ability?.can('administer', 'ImportRun')
    )
      return parser(ctx, next);
    return next();
  };
};

const report = (plan: ImportPlan) => ({
  kind: plan.kind,
  ok: plan.problems.length === 0,
  summary: plan.summary,
  problemCount: plan.problems.length,
  problems: plan.problems.slice(0, MAX_LISTED_PROBLEMS),
});

/** The problems a failed run keeps (the import job writes them as JSON). */
const storedProblems = (error: string | null): RowProblem[] => (error ? JSON.parse(error) : []);

const runView = (r: {
  id: string;
  kind: string;
  fileName: string;
  status: string;
  total: number;
  done: number;
  created: number;
  updated: number;
  unchanged: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}) => ({
  id: r.id,
  kind: r.kind,
  fileName: r.fileName,
  status: r.status,
  total: r.total,
  done: r.done,
  created: r.created,
  updated: r.updated,
  unchanged: r.unchanged,
  problems: storedProblems(r.error),
  createdAt: r.createdAt,
  finishedAt: r.finishedAt,
});
const RUN_FIELDS = {
  id: true,
  kind: true,
  fileName: true,
  status: true,
  total: true,
  done: true,
  created: true,
  updated: true,
  unchanged: true,
  error: true,
  createdAt: true,
  finishedAt: true,
} as const;

const rowProblem = z.object({ row: z.number().int(), column: z.string(), message: localized });
const importReport = z.object({
  kind: z.enum(IMPORT_KINDS),
  ok: z.boolean(),
  summary: z.object({
    total: z.number().int(),
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
  }),
  problemCount: z.number().int(),
  problems: z.array(rowProblem),
});
const importRun = z.object({
  id: z.string(),
  /** orgs | grids | users */
  kind: z.string(),
  fileName: z.string(),
  /** QUEUED | RUNNING | DONE | FAILED */
  status: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  problems: z.array(rowProblem),
  createdAt: instant,
  finishedAt: instant.nullable(),
});

/** The file checked against the database: what a dry run reports, and an import starts from. */
async function check(db: Db, user: SessionUser, body: z.output<typeof fileBody>) {
  const content = Buffer.from(body.content, 'base64');
  if (content.length > MAX_FILE_BYTES) throw new HttpError(413, 'error.tooLong');
  const plan = await planImport(db, body.kind, body.fileName, content, {
    scopePath: user.org.path,
    mayGrantDesigner: user.org.type === 'DISTRICT',
  });
  return { content, plan };
}

const route = routesOf<{ db: Db; queues: Queues }>('admin');

/**
 * Bulk import of the org tree, grids and users (.xlsx / .csv): a dry run answers the per-row
 * report; the import checks again, refuses the whole file if any row is wrong, else keeps the file
 * in an ImportRun and queues a BullMQ job (workers/src/queues/import.processor.ts) whose progress
 * the browser polls. Rows must lie within the admin's subtree.
 */
export const importsAdminRoutes = [
  route({
    method: 'post',
    path: '/api/admin/imports/dry-run',
    summary: '导入预检（逐行报告，不写入）Check an import file (per-row report, nothing written)',
    access: ['administer', 'ImportRun'],
    body: fileBody,
    answer: importReport,
    handler: async ({ db }, { body, who: { user } }) => report((await check(db, user, body)).plan),
  }),
  route({
    method: 'post',
    path: '/api/admin/imports',
    summary: '导入（有错行则拒绝，全部不写入）Import a file (refused whole when a row is wrong)',
    access: ['administer', 'ImportRun'],
    body: fileBody,
    answer: importRun,
    status: 202,
    handler: async ({ db, queues }, { body, who: { user }, ctx }) => {
      const { content, plan } = await check(db, user, body);
      if (plan.problems.length)
        throw new HttpError(400, 'error.validation', [], { detail: { report: report(plan) } });
      const fileHash = createHash('sha256').update(content).digest('hex');
      const run = await db.$transaction(async (tx) => {
        const r = await tx.importRun.create({
          data: {
            kind: body.kind,
            fileName: body.fileName,
            fileHash,
            content,
            scopePath: user.org.path,
            createdById: user.id,
            total: plan.summary.total,
          },
          select: RUN_FIELDS,
        });
        auditAdmin(ctx, 'import.start', 'ImportRun', r.id, {
          kind: body.kind,
          fileName: body.fileName,
          fileHash,
          ...plan.summary,
        });
        return r;
      });
      await queues.imports.add(
        'import',
        { runId: run.id },
        { jobId: run.id, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } },
      );
      return runView(run);
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/imports',
    summary: '导入记录 Imports',
    access: ['administer', 'ImportRun'],
    answer: listOf(importRun),
    handler: async ({ db }, { who: { ability } }) => {
      const runs = await db.importRun.findMany({
        where: accessibleBy(ability, 'administer').ofType('ImportRun'),
        select: RUN_FIELDS,
        orderBy: { createdAt: 'desc' },
        take: 50,
      });
      return { items: runs.map(runView) };
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/imports/templates/:kind',
    summary: '下载导入模板（.xlsx，含填写说明） Download the import template (.xlsx, with how to fill it in)',
    access: ['administer', 'ImportRun'],
    params: kindParams,
    answer: { file: XLSX },
    handler: async (_deps, { params: { kind }, ctx }) => {
      ctx.type = XLSX;
      ctx.set(
        'Content-Disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(importTemplateName(kind))}`,
      );
      ctx.body = await importTemplate(kind);
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/imports/:id',
    summary: '导入进度 An import and its progress',
    access: ['administer', 'ImportRun'],
    params: idParams,
    answer: importRun,
    handler: async ({ db }, { params: { id }, who: { ability } }) => {
      const run = await db.importRun.findFirst({
        where: { AND: [accessibleBy(ability, 'administer').ofType('ImportRun'), { id }] },
        select: RUN_FIELDS,
      });
      if (!run) throw new HttpError(404, 'error.notFound');
      return runView(run);
    },
  }),
];
