import Router from '@koa/router';
import { z } from 'zod';
import { parse } from '../../http/errors';
import type { RouteSpec } from '../../http/openapi';
import { caller, type AppState } from '../auth/session.middleware';
import type { AttachmentsService } from './attachments.service';

const uploadQuery = z.object({ name: z.string().trim().min(1).max(200) });
const idParam = z.object({ id: z.string().min(1).max(40) });

export const attachmentsSpecs: RouteSpec[] = [
  {
    method: 'post',
    path: '/api/attachments',
    summary: '上传照片或视频（请求体为文件本身） Upload a photo or video (the body is the file)',
    tag: 'attachments',
    query: uploadQuery,
  },
  {
    method: 'get',
    path: '/api/attachments/:id',
    summary: '查看附件 Open an attachment',
    tag: 'attachments',
    params: idParam,
  },
];

/** Uploads stream the request body (its Content-Type is the file's); reads stream the stored file. */
export function attachmentsRoutes(attachments: AttachmentsService) {
  const router = new Router<AppState>({ prefix: '/api' });
  router.post('/attachments', async (ctx) => {
    const who = caller(ctx.state);
    const { name } = parse(uploadQuery, ctx.query);
    ctx.status = 201;
    ctx.body = await attachments.upload(
      {
        name,
        contentType: (ctx.get('content-type') || '').split(';')[0].trim().toLowerCase(),
        length: ctx.request.length,
        body: ctx.req,
      },
      who,
    );
  });
  router.get('/attachments/:id', async (ctx) => {
    const { row, body } = await attachments.open(parse(idParam, ctx.params).id, caller(ctx.state));
    ctx.type = row.contentType;
    ctx.length = row.size;
    ctx.set('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.name)}`);
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.body = body;
  });
  return router;
}
