import { z } from 'zod';
import type { Db } from '../../../../lib/db';
import { t, tf } from '../../../../lib/i18n';
import {
  openRobot,
  RobotDeliveryFailed,
  robotUrlProblem,
  RobotUrlRefused,
  sendToRobot,
  type RobotPolicy,
} from '../../../../lib/robots';
import type { SecretBox } from '../../../../lib/secret-box';
import { accessibleBy, type AppAbility } from '../../abilities';
import { instant, listOf } from '../../http/answers';
import { routesOf } from '../../http/define-route';
import { fieldError, HttpError } from '../../http/errors';
import { auditAdmin } from './admin-scope';

const idParams = z.object({ id: z.string().min(1).max(64) });
/** A robot's webhook: an http(s) URL; where it may point is the robot policy's (robotUrlProblem). */
const webhookUrl = z
  .string()
  .max(2000)
  .url()
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'http(s) URL');

/** 400 naming `url` when the policy refuses it: checked at save, and again at every send. */
async function checkUrl(url: string, policy: RobotPolicy) {
  const problem = await robotUrlProblem(url, policy);
  if (problem) throw fieldError('url', t(problem));
}
const secret = z.string().min(1).max(200);
const createBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  unitId: z.string().min(1).max(64),
  format: z.enum(['wecom', 'dingtalk']),
  url: webhookUrl,
  secret: secret.optional(),
});
const updateBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  url: webhookUrl.optional(),
  secret: secret.nullable().optional(),
  active: z.boolean().optional(),
});

type Robot = {
  id: string;
  name: string;
  unitId: string;
  format: string;
  urlHost: string;
  secretSealed: string | null;
  active: boolean;
  createdAt: Date;
};
/** What an answer shows of a robot: never its URL (it carries the robot's key) nor its secret. */
const view = (r: Robot, unitName: string) => ({
  id: r.id,
  name: r.name,
  unitId: r.unitId,
  unitName,
  format: r.format,
  urlHost: r.urlHost,
  hasSecret: r.secretSealed !== null,
  active: r.active,
  createdAt: r.createdAt,
});

const robotView = z.object({
  id: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  /** wecom | dingtalk */
  format: z.string(),
  urlHost: z.string(),
  hasSecret: z.boolean(),
  active: z.boolean(),
  createdAt: instant,
});

async function unitsInScope(db: Db, ability: AppAbility, ids: string[]) {
  const units = await db.org.findMany({
    where: { AND: [accessibleBy(ability, 'administer').ofType('Org'), { id: { in: ids } }] },
    select: { id: true, name: true },
  });
  return new Map(units.map((u) => [u.id, u.name]));
}

/** A robot of a unit the caller administers, with the unit's name, or 404. */
async function robotInScope(db: Db, ability: AppAbility, id: string) {
  const robot = await db.groupRobot.findUnique({ where: { id } });
  const units = robot ? await unitsInScope(db, ability, [robot.unitId]) : new Map<string, string>();
  const unitName = robot ? units.get(robot.unitId) : undefined;
  if (!robot || unitName === undefined) throw new HttpError(404, 'error.notFound');
  return { robot, unitName };
}

export interface RobotsDeps {
  db: Db;
  box: SecretBox;
  robots: { testTimeoutMs: number; policy: RobotPolicy };
}

const route = routesOf<RobotsDeps>('admin');

/**
 * WeCom / DingTalk group robots, told about 督办 cards on their unit and below. Kept in the
 * database with the URL and 加签 secret sealed (AES-256-GCM); a street's admin keeps its own
 * subtree's robots, others answer 404. The test button sends one message from the API at once.
 */
export const robotsAdminRoutes = [
  route({
    method: 'get',
    path: '/api/admin/robots',
    summary: '群机器人 Group robots',
    access: ['administer', 'GroupRobot'],
    answer: listOf(robotView),
    handler: async ({ db }, { who: { ability } }) => {
      const robots = await db.groupRobot.findMany({ orderBy: [{ unitId: 'asc' }, { createdAt: 'asc' }] });
      const units = await unitsInScope(db, ability, [...new Set(robots.map((r) => r.unitId))]);
      return {
        items: robots.flatMap((r) => {
          const unitName = units.get(r.unitId);
          return unitName === undefined ? [] : [view(r, unitName)];
        }),
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/robots',
    summary: '新增群机器人 Add a group robot',
    access: ['administer', 'GroupRobot'],
    body: createBody,
    answer: robotView,
    status: 201,
    handler: async ({ db, box, robots: { policy } }, { body, who: { ability }, ctx }) => {
      const unitName = (await unitsInScope(db, ability, [body.unitId])).get(body.unitId);
      if (unitName === undefined) throw fieldError('unitId', t('error.unknownUnit'));
      await checkUrl(body.url, policy);
      const created = await db.$transaction(async (tx) => {
        const r = await tx.groupRobot.create({
          data: {
            name: body.name,
            unitId: body.unitId,
            format: body.format,
            urlSealed: box.seal(body.url),
            urlHost: new URL(body.url).host,
            secretSealed: body.secret ? box.seal(body.secret) : null,
          },
        });
        auditAdmin(ctx, 'robot.create', 'GroupRobot', r.id, {
          name: r.name,
          unitId: r.unitId,
          format: r.format,
          urlHost: r.urlHost,
        });
        return r;
      });
      return view(created, unitName);
    },
  }),
  route({
    method: 'put',
    path: '/api/admin/robots/:id',
    summary: '修改群机器人 Change a group robot',
    access: ['administer', 'GroupRobot'],
    params: idParams,
    body: updateBody,
    answer: robotView,
    handler: async ({ db, box, robots: { policy } }, { params: { id }, body, who: { ability }, ctx }) => {
      const { unitName } = await robotInScope(db, ability, id);
      if (body.url) await checkUrl(body.url, policy);
      const updated = await db.$transaction(async (tx) => {
        const r = await tx.groupRobot.update({
          where: { id },
          data: {
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.active !== undefined ? { active: body.active } : {}),
            ...(body.url ? { urlSealed: box.seal(body.url), urlHost: new URL(body.url).host } : {}),
            ...(body.secret !== undefined
              ? { secretSealed: body.secret === null ? null : box.seal(body.secret) }
              : {}),
          },
        });
        auditAdmin(ctx, 'robot.update', 'GroupRobot', id, {
          name: body.name,
          active: body.active,
          url: body.url ? 'changed' : undefined,
          secret: body.secret === undefined ? undefined : body.secret === null ? 'removed' : 'changed',
        });
        return r;
      });
      return view(updated, unitName);
    },
  }),
  route({
    method: 'delete',
    path: '/api/admin/robots/:id',
    summary: '删除群机器人 Remove a group robot',
    access: ['administer', 'GroupRobot'],
    params: idParams,
    answer: 'empty',
    handler: async ({ db }, { params: { id }, who: { ability }, ctx }) => {
      const { robot } = await robotInScope(db, ability, id);
      await db.$transaction(async (tx) => {
        await tx.groupRobot.delete({ where: { id } });
        auditAdmin(ctx, 'robot.delete', 'GroupRobot', id, { name: robot.name, unitId: robot.unitId });
      });
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/robots/:id/test',
    summary: '发送测试消息 Send a test message',
    access: ['administer', 'GroupRobot'],
    params: idParams,
    answer: z.object({ delivered: z.literal(true) }),
    handler: async ({ db, box, robots: { testTimeoutMs, policy } }, { params: { id }, who, ctx }) => {
      const { unitName } = await robotInScope(db, who.ability, id);
      const robot = (await openRobot(db, box, id))!;
      let failure: string | null = null;
      try {
        await checkUrl(robot.url, policy);
        await sendToRobot(
          robot,
          {
            title: '智治 测试消息 / Zhizhi test message',
            text: `${unitName}：督办通知将发到本群（${who.user.displayName} 测试）`,
          },
          testTimeoutMs,
          policy,
        );
      } catch (err) {
        if (err instanceof HttpError) throw err;
        // A name re-pointed since the check above is refused at the connection: the same 400.
        if (err instanceof RobotUrlRefused) throw fieldError('url', t(err.problem));
        // The status code alone: what the far end answered is not for the caller to read.
        failure = err instanceof RobotDeliveryFailed ? `HTTP ${err.status}` : 'no answer / 无应答';
      }
      auditAdmin(ctx, 'robot.test', 'GroupRobot', id, { delivered: !failure });
      if (failure)
        throw new HttpError(502, 'admin.robotTestFailed', [], {
          message: tf('admin.robotTestFailed', { reason: failure }),
        });
      return { delivered: true as const };
    },
  }),
];
