import Koa from 'koa';
import request from 'supertest';
import { z } from 'zod';
import type { AppAbility, SessionUser } from '../../abilities';
import type { AppState } from '../../modules/auth/session.middleware';
import { mountRoutes, routesOf } from '../define-route';
import { errorHandler } from '../errors';

const route = routesOf<{ answer: unknown }>('test');
const thing = z.object({ id: z.string(), at: z.iso.datetime() });

const routes = [
  route({
    method: 'get',
    path: '/api/things/:id',
    summary: 'a thing',
    access: ['read', 'Event'],
    params: z.object({ id: z.string().max(3) }),
    answer: thing,
    handler: async (deps) => deps.answer as z.input<typeof thing>,
  }),
];

/** An app with a caller who may read events (or nobody signed in), answering `answer`. */
function app(answer: unknown, caller?: { mayRead: boolean }) {
  const koa = new Koa<AppState>();
  koa.use(errorHandler(() => undefined));
  koa.use(async (ctx, next) => {
    if (caller) {
      ctx.state.user = { id: 'u1' } as SessionUser;
      ctx.state.ability = { can: () => caller.mayRead } as unknown as AppAbility;
    }
    await next();
  });
  koa.use(mountRoutes(routes, { answer }, { checkAnswers: true }).routes());
  return koa.callback();
}

describe('defineRoute (routesOf)', () => {
  const good = { id: 'a', at: new Date('2026-12-05T00:00:00Z') };

  it('asks for a session, then the ability, then valid input, before the handler runs', async () => {
    expect((await request(app(good)).get('/api/things/a')).status).toBe(401);
    expect((await request(app(good, { mayRead: false })).get('/api/things/a')).status).toBe(403);
    const bad = await request(app(good, { mayRead: true })).get('/api/things/abcd');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('id');
    const ok = await request(app(good, { mayRead: true })).get('/api/things/a');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ id: 'a', at: '2026-12-05T00:00:00.000Z' });
  });

  it('refuses, with checking on, an answer that its schema does not describe', async () => {
    const res = await request(app({ id: 1 }, { mayRead: true })).get('/api/things/a');
    expect(res.status).toBe(500);
    expect(res.body.error.answerMismatch).toMatch(/GET \/api\/things\/:id: .*id/s);
  });

  it('puts the access and the answer schema in the OpenAPI entry', () => {
    expect(routes[0].spec).toMatchObject({ access: ['read', 'Event'], answer: thing, status: 200 });
  });

  it('does not compile a route without its access, or whose handler answers another shape', () => {
    // Checked by the type-check (npm test runs tsc): each line must be a type error.
    // @ts-expect-error: access is required
    route({ method: 'get', path: '/x', summary: 'x', answer: thing, handler: async () => good });
    route({
      method: 'get',
      path: '/x',
      summary: 'x',
      access: 'signed-in',
      answer: thing,
      // @ts-expect-error: the answer lacks `at`
      handler: async () => ({ id: 'a' }),
    });
    expect(true).toBe(true);
  });
});
