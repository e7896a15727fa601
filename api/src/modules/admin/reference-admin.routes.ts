import { EventLevel, Urgency } from '@prisma/client';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../../../lib/db';
import { t } from '../../../../lib/i18n';
import { instant, listOf } from '../../http/answers';
import { routesOf } from '../../http/define-route';
import { fieldError, HttpError } from '../../http/errors';
import { auditAdmin } from './admin-scope';
import { trySlaTable } from './sla-trial.service';
import { eventHandlingLoop } from '../../../../loops/event-handling/loop';

const slaId = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const threshold = z.number().positive().max(10_000);
const slaTimes = z.strictObject({
  unit: z.enum(['workingDays', 'hours']),
  yellow: threshold,
  red: threshold,
});
/**
 * Red after yellow, and whole days when counted in working days (the calendar counts whole
 * working days; 2.5 would stop every new task's deadline): a 400 naming the field.
 */
function checkSlaTimes(times: z.infer<typeof slaTimes>, prefix = '') {
  if (times.unit === 'workingDays')
    for (const field of ['yellow', 'red'] as const)
      if (!Number.isInteger(times[field])) throw fieldError(`${prefix}${field}`, t('error.wholeWorkingDays'));
  if (times.red <= times.yellow) throw fieldError(`${prefix}red`, t('error.invalid'));
}
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

const colour = z.enum(['onTime', 'yellow', 'red', 'none']);
const slaCounts = {
  yellowBefore: z.number(),
  yellowAfter: z.number(),
  redBefore: z.number(),
  redAfter: z.number(),
};
const slaTrialAnswer = z.object({
  from: z.string(),
  to: z.string(),
  /** Tasks started in the period that have a level and urgency; `changed` of them change colour, listed (200 at most). */
  tasks: z.number(),
  changedTasks: z.array(
    z.object({
      caseNo: z.string().nullable(),
      step: z.string(),
      unitId: z.string().nullable(),
      unitName: z.string().nullable(),
      from: colour,
      to: colour,
    }),
  ),
  changed: z.number(),
  ...slaCounts,
  byUnit: z.array(
    z.object({
      unitId: z.string().nullable(),
      unitName: z.string().nullable(),
      category: z.string().nullable(),
      tasks: z.number(),
      ...slaCounts,
    }),
  ),
});

const slaRule = z.object({
  id: z.number().int(),
  step: z.string(),
  level: z.enum(EventLevel),
  category: z.string().nullable(),
  urgency: z.enum(Urgency),
  unit: z.string(),
  yellow: z.number(),
  red: z.number(),
  /** The step and category by the names people know them by (审批延期, not approve-extension). */
  stepName: z.string(),
  categoryName: z.string().nullable(),
});
const category = z.object({ code: z.string(), name: z.string(), active: z.boolean() });
const channel = z.object({
  id: z.string(),
  name: z.string(),
  active: z.boolean(),
  issuedAt: instant.nullable(),
  revokedAt: instant.nullable(),
});
/** A channel with its key, shown this once. */
const channelKey = z.object({ channel, key: z.string() });

const route = routesOf<{ db: Db }>('admin');

/** SLA rules with their steps named as the event loop's deployed diagram names them, and their categories. */
async function named<R extends { step: string; category: string | null }>(db: Db, rules: R[]) {
  const definition = await db.processDefinition.findFirst({
    where: { bpmnProcessId: eventHandlingLoop.processId },
    orderBy: { version: 'desc' },
    select: { elementNames: true },
  });
  const steps = (definition?.elementNames ?? {}) as Record<string, string>;
  const codes = [...new Set(rules.flatMap((r) => (r.category ? [r.category] : [])))];
  const categories = new Map(
    (
      await db.eventCategory.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } })
    ).map((c) => [c.code, c.name]),
  );
  return rules.map((r) => ({
    ...r,
    stepName: steps[r.step] ?? r.step,
    categoryName: r.category ? (categories.get(r.category) ?? r.category) : null,
  }));
}

/**
 * The district's reference data: SLA rules (deadlines per step × level × category × urgency),
 * event categories (GB/T 31000 groups by default; switched off, never deleted: cases keep theirs)
 * and intake channel keys. District admins only (403 for a street's).
 */
export const referenceAdminRoutes = [
  route({
    method: 'get',
    path: '/api/admin/sla-rules',
    summary: '时限规则 SLA rules',
    access: ['administer', 'SlaRule'],
    answer: listOf(slaRule),
    handler: async ({ db }) => ({
      items: await named(
        db,
        await db.slaRule.findMany({
          orderBy: [{ step: 'asc' }, { level: 'asc' }, { urgency: 'asc' }, { id: 'asc' }],
        }),
      ),
    }),
  }),
  route({
    method: 'post',
    path: '/api/admin/sla-rules/trials',
    summary: '试算：时限规则草稿在某期间的真实任务上重算 Trial: a draft SLA table on a period’s real tasks',
    access: ['administer', 'SlaRule'],
    body: z.strictObject({
      rules: z.array(slaBody).min(1).max(2000),
      from: z.coerce.date().optional(),
      to: z.coerce.date().optional(),
    }),
    answer: slaTrialAnswer,
    handler: async ({ db }, { body, ctx }) => {
      const to = body.to ?? new Date();
      const from = body.from ?? new Date(to.getTime() - 30 * 86_400_000);
      if (!(from < to) || to.getTime() - from.getTime() > 366 * 86_400_000)
        throw fieldError('from', t('error.trialPeriod'));
      body.rules.forEach((rule, i) => checkSlaTimes(rule, `rules.${i}.`));
      const trial = await trySlaTable(db, body.rules, from, to);
      auditAdmin(ctx, 'sla.trial', 'SlaRule', 'trial', {
        from: trial.from,
        to: trial.to,
        tasks: trial.tasks,
        changed: trial.changed,
        rules: body.rules.length,
      });
      return trial;
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/sla-rules',
    summary: '新增时限规则 Add an SLA rule',
    access: ['administer', 'SlaRule'],
    body: slaBody,
    answer: slaRule,
    status: 201,
    handler: async ({ db }, { body, ctx }) => {
      checkSlaTimes(body);
      if (body.category && !(await db.eventCategory.findUnique({ where: { code: body.category } })))
        throw fieldError('category', t('error.unknownCategory'));
      const exists = await db.slaRule.findFirst({
        where: { step: body.step, level: body.level, urgency: body.urgency, category: body.category },
      });
      if (exists) throw new HttpError(409, 'admin.codeTaken');
      const created = await db.$transaction(async (tx) => {
        const r = await tx.slaRule.create({ data: body });
        auditAdmin(ctx, 'sla.create', 'SlaRule', String(r.id), body);
        return r;
      });
      return (await named(db, [created]))[0];
    },
  }),
  route({
    method: 'put',
    path: '/api/admin/sla-rules/:id',
    summary: '修改时限 Change an SLA rule',
    access: ['administer', 'SlaRule'],
    params: slaId,
    body: slaTimes,
    answer: slaRule,
    handler: async ({ db }, { params: { id }, body, ctx }) => {
      checkSlaTimes(body);
      const rule = await db.slaRule.findUnique({ where: { id } });
      if (!rule) throw new HttpError(404, 'error.notFound');
      const updated = await db.$transaction(async (tx) => {
        const r = await tx.slaRule.update({ where: { id }, data: body });
        auditAdmin(ctx, 'sla.update', 'SlaRule', String(id), {
          from: { unit: rule.unit, yellow: rule.yellow, red: rule.red },
          to: body,
        });
        return r;
      });
      return (await named(db, [updated]))[0];
    },
  }),
  route({
    method: 'delete',
    path: '/api/admin/sla-rules/:id',
    summary: '删除分类时限（回到层级默认）Remove a category rule (back to the level default)',
    access: ['administer', 'SlaRule'],
    params: slaId,
    answer: 'empty',
    handler: async ({ db }, { params: { id }, ctx }) => {
      const rule = await db.slaRule.findUnique({ where: { id } });
      if (!rule) throw new HttpError(404, 'error.notFound');
      // A level's default (no category) is what every deadline falls back to: it is changed, not removed.
      if (rule.category === null) throw new HttpError(409, 'admin.slaDefaultKept');
      await db.$transaction(async (tx) => {
        await tx.slaRule.delete({ where: { id } });
        auditAdmin(ctx, 'sla.delete', 'SlaRule', String(id), rule);
      });
    },
  }),

  route({
    method: 'get',
    path: '/api/admin/categories',
    summary: '事件分类 Event categories',
    access: ['administer', 'EventCategory'],
    answer: listOf(category),
    handler: async ({ db }) => ({ items: await db.eventCategory.findMany({ orderBy: { code: 'asc' } }) }),
  }),
  route({
    method: 'post',
    path: '/api/admin/categories',
    summary: '新增分类 Add a category',
    access: ['administer', 'EventCategory'],
    body: categoryBody,
    answer: category,
    status: 201,
    handler: async ({ db }, { body, ctx }) => {
      if (await db.eventCategory.findUnique({ where: { code: body.code } }))
        throw new HttpError(409, 'admin.codeTaken');
      return db.$transaction(async (tx) => {
        const c = await tx.eventCategory.create({ data: body });
        auditAdmin(ctx, 'category.create', 'EventCategory', c.code, body);
        return c;
      });
    },
  }),
  route({
    method: 'put',
    path: '/api/admin/categories/:code',
    summary: '改名、停用分类 Rename or switch off a category',
    access: ['administer', 'EventCategory'],
    params: categoryCode,
    body: categoryUpdate,
    answer: category,
    handler: async ({ db }, { params: { code }, body, ctx }) => {
      const existing = await db.eventCategory.findUnique({ where: { code } });
      if (!existing) throw new HttpError(404, 'error.notFound');
      return db.$transaction(async (tx) => {
        const c = await tx.eventCategory.update({ where: { code }, data: body });
        auditAdmin(ctx, 'category.update', 'EventCategory', code, {
          from: { name: existing.name, active: existing.active },
          to: { name: c.name, active: c.active },
        });
        return c;
      });
    },
  }),

  route({
    method: 'get',
    path: '/api/admin/channels',
    summary: '接入渠道 Intake channels',
    access: ['administer', 'Channel'],
    answer: listOf(channel),
    handler: async ({ db }) => ({
      items: (await db.channel.findMany({ orderBy: { id: 'asc' } })).map(channelView),
    }),
  }),
  route({
    method: 'post',
    path: '/api/admin/channels',
    summary: '新建渠道并签发密钥（仅显示一次）Create a channel and issue its key (shown once)',
    access: ['administer', 'Channel'],
    body: channelBody,
    answer: channelKey,
    status: 201,
    handler: async ({ db }, { body, ctx }) => {
      if (await db.channel.findUnique({ where: { id: body.id } }))
        throw new HttpError(409, 'admin.codeTaken');
      const { key, keyHash } = issueKey();
      const created = await db.$transaction(async (tx) => {
        const c = await tx.channel.create({ data: { ...body, keyHash, issuedAt: new Date() } });
        auditAdmin(ctx, 'channel.key.issue', 'Channel', c.id, { name: c.name });
        return c;
      });
      return { channel: channelView(created), key };
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/channels/:id/key',
    summary: '重新签发密钥（旧密钥立即失效）Issue a new key (the old one stops at once)',
    access: ['administer', 'Channel'],
    params: channelId,
    answer: channelKey,
    handler: async ({ db }, { params: { id }, ctx }) => {
      if (!(await db.channel.findUnique({ where: { id } }))) throw new HttpError(404, 'error.notFound');
      const { key, keyHash } = issueKey();
      const updated = await db.$transaction(async (tx) => {
        const c = await tx.channel.update({
          where: { id },
          data: { keyHash, active: true, issuedAt: new Date(), revokedAt: null },
        });
        auditAdmin(ctx, 'channel.key.issue', 'Channel', id);
        return c;
      });
      return { channel: channelView(updated), key };
    },
  }),
  // The intake looks the key up on every request, so a revoked key is refused from the next one on.
  route({
    method: 'post',
    path: '/api/admin/channels/:id/revoke',
    summary: '吊销密钥 Revoke the key',
    access: ['administer', 'Channel'],
    params: channelId,
    answer: channel,
    handler: async ({ db }, { params: { id }, ctx }) => {
      if (!(await db.channel.findUnique({ where: { id } }))) throw new HttpError(404, 'error.notFound');
      const revoked = await db.$transaction(async (tx) => {
        const c = await tx.channel.update({ where: { id }, data: { active: false, revokedAt: new Date() } });
        auditAdmin(ctx, 'channel.key.revoke', 'Channel', id);
        return c;
      });
      return channelView(revoked);
    },
  }),
];
