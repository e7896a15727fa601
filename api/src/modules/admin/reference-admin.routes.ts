import Router from '@koa/router';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../../../lib/db';
import { t } from '../../../../lib/i18n';
import { fieldError, HttpError, parse } from '../../http/errors';
import type { RouteSpec } from '../../http/openapi';
import type { AppState } from '../auth/session.middleware';
import { adminCaller, auditAdmin } from './admin-scope';

const slaId = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const threshold = z.number().positive().max(10_000);
const slaTimes = z.strictObject({
  unit: z.enum(['workingDays', 'hours']),
  yellow: threshold,
  red: threshold,
});
const slaBody = slaTimes.extend({
  step: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
  level: z.enum(['GRID', 'COMMUNITY', 'STREET', 'DISTRICT']),
  category: z.string().min(1).max(64).nullable(),
  urgency: z.enum(['URGENT', 'NORMAL']),
});
const categoryCode = z.object({ code: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/) });
const categoryBody = z.strictObject({
  code: categoryCode.shape.code,
  name: z.string().trim().min(1).max(50),
});
const categoryUpdate = z.strictObject({
  name: z.string().trim().min(1).max(50).optional(),
  active: z.boolean().optional(),
});
const channelId = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/) });
const channelBody = z.strictObject({ id: channelId.shape.id, name: z.string().trim().min(1).max(100) });

export const referenceAdminSpecs: RouteSpec[] = [
  { method: 'get', path: '/api/admin/sla-rules', summary: '时限规则 SLA rules', tag: 'admin' },
  {
    method: 'post',
    path: '/api/admin/sla-rules',
    summary: '新增时限规则 Add an SLA rule',
    tag: 'admin',
    body: slaBody,
  },
  {
    method: 'put',
    path: '/api/admin/sla-rules/:id',
    summary: '修改时限 Change an SLA rule',
    tag: 'admin',
    params: slaId,
    body: slaTimes,
  },
  {
    method: 'delete',
    path: '/api/admin/sla-rules/:id',
    summary: '删除分类时限（回到层级默认）Remove a category rule (back to the level default)',
    tag: 'admin',
    params: slaId,
  },
  { method: 'get', path: '/api/admin/categories', summary: '事件分类 Event categories', tag: 'admin' },
  {
    method: 'post',
    path: '/api/admin/categories',
    summary: '新增分类 Add a category',
    tag: 'admin',
    body: categoryBody,
  },
  {
    method: 'put',
    path: '/api/admin/categories/:code',
    summary: '改名、停用分类 Rename or switch off a category',
    tag: 'admin',
    params: categoryCode,
    body: categoryUpdate,
  },
  { method: 'get', path: '/api/admin/channels', summary: '接入渠道 Intake channels', tag: 'admin' },
  {
    method: 'post',
    path: '/api/admin/channels',
    summary: '新建渠道并签发密钥（仅显示一次）Create a channel and issue its key (shown once)',
    tag: 'admin',
    body: channelBody,
  },
  {
    method: 'post',
    path: '/api/admin/channels/:id/key',
    summary: '重新签发密钥（旧密钥立即失效）Issue a new key (the old one stops at once)',
    tag: 'admin',
    params: channelId,
  },
  {
    method: 'post',
    path: '/api/admin/channels/:id/revoke',
    summary: '吊销密钥 Revoke the key',
    tag: 'admin',
    params: channelId,
  },
];

/** A channel key: 256 random bits; only its SHA-256 is stored, as the intake checks it. */
function issueKey() {
  const key = `zzc_${randomBytes(32).toString('base64url')}`;
  return { key, keyHash: createHash('sha256').update(key).digest('hex') };
}
const channelView = (c: {
  id: string;
  name: string;
  active: boolean;
  issuedAt: Date | null;
  revokedAt: Date | null;
}) => ({
  id: c.id,
  name: c.name,
  active: c.active,
  issuedAt: c.issuedAt,
  revokedAt: c.revokedAt,
});

/**
 * The district's reference data: SLA rules (deadlines per step × level × category × urgency),
 * event categories (GB/T 31000 groups by default; switched off, never deleted: cases keep theirs)
 * and intake channel keys. District admins only (403 for a street's).
 */
export function referenceAdminRoutes(db: Db) {
  const router = new Router<AppState>({ prefix: '/api/admin' });

  router.get('/sla-rules', async (ctx) => {
    adminCaller(ctx.state, 'SlaRule');
    ctx.body = {
      items: await db.slaRule.findMany({
        orderBy: [{ step: 'asc' }, { level: 'asc' }, { urgency: 'asc' }, { id: 'asc' }],
      }),
    };
  });
  router.post('/sla-rules', async (ctx) => {
    adminCaller(ctx.state, 'SlaRule');
    const body = parse(slaBody, ctx.request.body);
    if (body.red <= body.yellow) throw fieldError('red', t('error.invalid'));
    if (body.category && !(await db.eventCategory.findUnique({ where: { code: body.category } })))
      throw fieldError('category', t('error.unknownCategory'));
    const exists = await db.slaRule.findFirst({
      where: { step: body.step, level: body.level, urgency: body.urgency, category: body.category },
    });
    if (exists) throw new HttpError(409, 'admin.codeTaken');
    const rule = await db.$transaction(async (tx) => {
      const r = await tx.slaRule.create({ data: body });
      auditAdmin(ctx, 'sla.create', 'SlaRule', String(r.id), body);
      return r;
    });
    ctx.status = 201;
    ctx.body = rule;
  });
  router.put('/sla-rules/:id', async (ctx) => {
    adminCaller(ctx.state, 'SlaRule');
    const { id } = parse(slaId, ctx.params);
    const body = parse(slaTimes, ctx.request.body);
    if (body.red <= body.yellow) throw fieldError('red', t('error.invalid'));
    const rule = await db.slaRule.findUnique({ where: { id } });
    if (!rule) throw new HttpError(404, 'error.notFound');
    ctx.body = await db.$transaction(async (tx) => {
      const r = await tx.slaRule.update({ where: { id }, data: body });
      auditAdmin(ctx, 'sla.update', 'SlaRule', String(id), {
        from: { unit: rule.unit, yellow: rule.yellow, red: rule.red },
        to: body,
      });
      return r;
    });
  });
  router.delete('/sla-rules/:id', async (ctx) => {
    adminCaller(ctx.state, 'SlaRule');
    const { id } = parse(slaId, ctx.params);
    const rule = await db.slaRule.findUnique({ where: { id } });
    if (!rule) throw new HttpError(404, 'error.notFound');
    // A level's default (no category) is what every deadline falls back to: it is changed, not removed.
    if (rule.category === null) throw new HttpError(409, 'admin.slaDefaultKept');
    await db.$transaction(async (tx) => {
      await tx.slaRule.delete({ where: { id } });
      auditAdmin(ctx, 'sla.delete', 'SlaRule', String(id), rule);
    });
    ctx.status = 204;
  });

  router.get('/categories', async (ctx) => {
    adminCaller(ctx.state, 'EventCategory');
    ctx.body = { items: await db.eventCategory.findMany({ orderBy: { code: 'asc' } }) };
  });
  router.post('/categories', async (ctx) => {
    adminCaller(ctx.state, 'EventCategory');
    const body = parse(categoryBody, ctx.request.body);
    if (await db.eventCategory.findUnique({ where: { code: body.code } }))
      throw new HttpError(409, 'admin.codeTaken');
    const category = await db.$transaction(async (tx) => {
      const c = await tx.eventCategory.create({ data: body });
      auditAdmin(ctx, 'category.create', 'EventCategory', c.code, body);
      return c;
    });
    ctx.status = 201;
    ctx.body = category;
  });
  router.put('/categories/:code', async (ctx) => {
    adminCaller(ctx.state, 'EventCategory');
    const { code } = parse(categoryCode, ctx.params);
    const body = parse(categoryUpdate, ctx.request.body);
    const category = await db.eventCategory.findUnique({ where: { code } });
    if (!category) throw new HttpError(404, 'error.notFound');
    ctx.body = await db.$transaction(async (tx) => {
      const c = await tx.eventCategory.update({ where: { code }, data: body });
      auditAdmin(ctx, 'category.update', 'EventCategory', code, {
        from: { name: category.name, active: category.active },
        to: { name: c.name, active: c.active },
      });
      return c;
    });
  });

  router.get('/channels', async (ctx) => {
    adminCaller(ctx.state, 'Channel');
    ctx.body = { items: (await db.channel.findMany({ orderBy: { id: 'asc' } })).map(channelView) };
  });
  router.post('/channels', async (ctx) => {
    adminCaller(ctx.state, 'Channel');
    const body = parse(channelBody, ctx.request.body);
    if (await db.channel.findUnique({ where: { id: body.id } })) throw new HttpError(409, 'admin.codeTaken');
    const { key, keyHash } = issueKey();
    const channel = await db.$transaction(async (tx) => {
      const c = await tx.channel.create({ data: { ...body, keyHash, issuedAt: new Date() } });
      auditAdmin(ctx, 'channel.key.issue', 'Channel', c.id, { name: c.name });
      return c;
    });
    ctx.status = 201;
    ctx.body = { channel: channelView(channel), key };
  });
  router.post('/channels/:id/key', async (ctx) => {
    adminCaller(ctx.state, 'Channel');
    const { id } = parse(channelId, ctx.params);
    if (!(await db.channel.findUnique({ where: { id } }))) throw new HttpError(404, 'error.notFound');
    const { key, keyHash } = issueKey();
    const channel = await db.$transaction(async (tx) => {
      const c = await tx.channel.update({
        where: { id },
        data: { keyHash, active: true, issuedAt: new Date(), revokedAt: null },
      });
      auditAdmin(ctx, 'channel.key.issue', 'Channel', id);
      return c;
    });
    ctx.body = { channel: channelView(channel), key };
  });
  // The intake looks the key up on every request, so a revoked key is refused from the next one on.
  router.post('/channels/:id/revoke', async (ctx) => {
    adminCaller(ctx.state, 'Channel');
    const { id } = parse(channelId, ctx.params);
    if (!(await db.channel.findUnique({ where: { id } }))) throw new HttpError(404, 'error.notFound');
    const channel = await db.$transaction(async (tx) => {
      const c = await tx.channel.update({ where: { id }, data: { active: false, revokedAt: new Date() } });
      auditAdmin(ctx, 'channel.key.revoke', 'Channel', id);
      return c;
    });
    ctx.body = channelView(channel);
  });

  return router;
}
