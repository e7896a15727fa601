import Router, { type RouterContext } from '@koa/router';
import { z } from 'zod';
import type { Action, AppAbility, AppSubjects, SessionUser } from '../abilities';
import { caller, type AppState } from '../modules/auth/session.middleware';
import { HttpError, parse } from './errors';
import type { RouteSpec } from './openapi';

/**
 * Who may call a route, checked before its input is read:
 * - `public`: anyone, signed in or not (sign-in, health, sign-out);
 * - `signed-in`: any session; what the route names is checked against the caller's scope inside;
 * - `signed-in-or-channel`: a session or an intake channel's key (401 with neither; the handler
 *   checks the key);
 * - `[action, subject]`: a session whose ability allows the action on some record of the subject
 *   (403 otherwise); the record itself is still checked inside, against its scope;
 * - `{ anyOf: [[action, subject], …] }`: a session allowed one of them (two administrators' routes).
 */
export type Ability = readonly [Action, Extract<AppSubjects, string>];
export type Access =
  'public' | 'signed-in' | 'signed-in-or-channel' | Ability | { readonly anyOf: readonly Ability[] };

/** The access as the OpenAPI document and the matrix print it. */
export const accessText = (access: Access) =>
  typeof access === 'string'
    ? access
    : 'anyOf' in access
      ? access.anyOf.map((a) => a.join(' ')).join(' | ')
      : access.join(' ');

export interface Caller {
  user: SessionUser;
  ability: AppAbility;
}

/**
 * What a route answers: a JSON body described by its schema, a file of a media type (PDF, xlsx,
 * an attachment's bytes; the handler writes it to the context), or nothing (204).
 */
export type Answer = z.ZodType | { file: string } | 'empty';

/** A JSON answer as handlers build it: a Date stands where the wire carries its ISO text. */
export type Wire<T> = T extends string
  ? T | (string extends T ? Date : never)
  : T extends (infer E)[]
    ? Wire<E>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
/** What a handler may return for an answer schema. */
export type Returns<A> = A extends z.ZodType ? Wire<z.input<A>> : void;
type Who<X> = X extends 'public'
  ? Caller | undefined
  : X extends 'signed-in-or-channel'
    ? Caller | undefined
    : Caller;

/** What a handler gets: its input parsed, the caller, and the Koa context for headers and files. */
export interface Request<P, Q, B, X, K = void> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  who: Who<X>;
  ctx: RouterContext<AppState>;
  /** What `before` found (the record the path names, who reports), so the handler need not look again. */
  prior: K;
}

export interface RouteDef<D, P, Q, B, A extends Answer, X extends Access, K> {
  method: RouteSpec['method'];
  /** Koa path, e.g. /api/tasks/:key */
  path: string;
  summary: string;
  access: X;
  params?: P;
  query?: Q;
  body?: B;
  answer: A;
  /** The status of a successful answer when it is not 200 (201 created, 202 accepted). */
  status?: number;
  /**
   * Checks the record the path names, or who the caller is, before the body is read (a 404 for a
   * record out of scope or a 401/403 for the caller says nothing about the body, whoever sends it).
   */
  before?: (deps: D, req: Pick<Request<P, Q, B, X>, 'params' | 'who' | 'ctx'>) => Promise<K>;
  handler: (deps: D, req: Request<P, Q, B, X, K>) => Promise<Returns<A>>;
}

export interface MountOptions {
  /** Check each JSON answer against its schema (API_CHECK_ANSWERS, on in the test suites). */
  checkAnswers: boolean;
}

/** One route: what the OpenAPI document and the matrix read, and how it mounts with its deps. */
export interface Route<D> {
  spec: RouteSpec;
  mount: (router: Router<AppState>, deps: D, options: MountOptions) => void;
}

function admit(access: Access, ctx: RouterContext<AppState>): Caller | undefined {
  const { state } = ctx;
  if (access === 'public') return state.user && state.ability && { user: state.user, ability: state.ability };
  // Without a session, the channel's key must be there (the handler checks it).
  if (access === 'signed-in-or-channel' && (state.user || ctx.get('x-channel-key')))
    return state.user && state.ability ? { user: state.user, ability: state.ability } : undefined;
  const who = caller(state);
  if (typeof access === 'string') return who;
  const allowed = 'anyOf' in access ? access.anyOf : [access];
  if (!allowed.some(([action, subject]) => who.ability.can(action, subject)))
    throw new HttpError(403, 'error.forbidden');
  return who;
}

/** Tests only (API_CHECK_ANSWERS): the 500 names what differs, so the failing test shows it. */
function checkAnswer(def: { method: string; path: string }, schema: z.ZodType, body: unknown) {
  const result = schema.safeParse(JSON.parse(JSON.stringify(body ?? null)));
  if (!result.success)
    throw new HttpError(500, 'error.internal', [], {
      detail: {
        answerMismatch: `${def.method.toUpperCase()} ${def.path}: ${z.prettifyError(result.error)}`,
      },
    });
}

/**
 * The routes of a module, declared once each: `const route = routesOf<Deps>('tag')`, then
 * `route({ method, path, summary, access, params, query, body, answer, handler })`. The access is
 * required (a route without one does not compile), checked before the input is parsed; the
 * schemas parse the input (a 400 naming each bad field) and make the OpenAPI entry, answer included.
 */
export function routesOf<D>(tag: string) {
  return <
    A extends Answer,
    X extends Access,
    P extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    K = void,
  >(
    def: RouteDef<D, P, Q, B, A, X, K>,
  ): Route<D> => ({
    spec: {
      method: def.method,
      path: def.path,
      summary: def.summary,
      tag,
      access: def.access,
      params: def.params as z.ZodObject | undefined,
      query: def.query as z.ZodObject | undefined,
      body: def.body as z.ZodType | undefined,
      answer: def.answer,
      status: def.status ?? (def.answer === 'empty' ? 204 : 200),
    },
    mount(router, deps, { checkAnswers }) {
      router[def.method](def.path, async (ctx) => {
        const who = admit(def.access, ctx);
        const params = def.params ? parse(def.params, ctx.params) : undefined;
        const named = { params, who, ctx } as unknown as Pick<Request<P, Q, B, X>, 'params' | 'who' | 'ctx'>;
        const prior = def.before ? await def.before(deps, named) : undefined;
        const input = {
          ...named,
          prior,
          query: def.query ? parse(def.query, ctx.query) : undefined,
          body: def.body ? parse(def.body, ctx.request.body) : undefined,
        } as Request<P, Q, B, X, K>;
        const result = await def.handler(deps, input);
        if (def.answer === 'empty') {
          ctx.status = 204;
          return;
        }
        if (typeof def.answer === 'object' && 'file' in def.answer) return;
        if (checkAnswers) checkAnswer(def, def.answer, result);
        // A handler may answer another success itself (a replayed report is 200, not 201 created).
        const chosen = ctx.status === 404 ? undefined : ctx.status;
        ctx.body = result;
        if (def.status) ctx.status = chosen ?? def.status;
      });
    },
  });
}

/** A module's routes on one router, given what their handlers need. */
export function mountRoutes<D>(routes: Route<D>[], deps: D, options: MountOptions) {
  const router = new Router<AppState>();
  for (const route of routes) route.mount(router, deps, options);
  return router;
}
