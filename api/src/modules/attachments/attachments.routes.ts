import { z } from 'zod';
import { routesOf } from '../../http/define-route';
import type { AttachmentsService } from './attachments.service';

const uploadQuery = z.object({ name: z.string().trim().min(1).max(200) });
const idParam = z.object({ id: z.string().min(1).max(40) });

const route = routesOf<AttachmentsService>('attachments');

/** Uploads stream the request body (its Content-Type is the file's); reads stream the stored file. */
export const attachmentsRoutes = [
  route({
    method: 'post',
    path: '/api/attachments',
    summary: '上传照片或视频（请求体为文件本身） Upload a photo or video (the body is the file)',
    access: 'signed-in',
    query: uploadQuery,
    answer: z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number() }),
    status: 201,
    handler: (attachments, { query: { name }, who, ctx }) =>
      attachments.upload(
        {
          name,
          contentType: (ctx.get('content-type') || '').split(';')[0].trim().toLowerCase(),
          length: ctx.request.length,
          body: ctx.req,
        },
        who,
      ),
  }),
  route({
    method: 'get',
    path: '/api/attachments/:id',
    summary: '查看附件 Open an attachment',
    access: 'signed-in',
    params: idParam,
    // The stored file's own type (a photo or a video).
    answer: { file: 'application/octet-stream' },
    handler: async (attachments, { params, who, ctx }) => {
      const { row, body } = await attachments.open(params.id, who);
      ctx.type = row.contentType;
      ctx.length = row.size;
      ctx.set('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.name)}`);
      ctx.set('Cache-Control', 'private, max-age=3600');
      ctx.body = body;
    },
  }),
];
