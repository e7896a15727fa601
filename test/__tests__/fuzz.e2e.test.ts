/**
 * Fuzzing from /api/openapi.json: requests generated with fast-check for every route, as an
 * anonymous caller, a grid member, staff, a supervisor and an admin, mostly well-formed with
 * hostile values mixed in (NUL, lone surrogates, huge numbers, wrong types, unknown fields, very
 * long strings, odd path parameters, bodies that are not JSON). No request may be a 5xx, and a
 * rejected one (4xx) changes nothing but its own audit entry: the row counts of the main tables and the engine's
 * process-instance count are the same after it as before. FUZZ_SEED replays a run; FUZZ_REQUESTS
 * sets the requests of a run, shared evenly by the routes (so a new route does not lengthen CI).
 */
import fc from 'fast-check';
import type { Agent } from 'supertest';
import request from 'supertest';
import { Client } from 'pg';
import { clearLoginFailures, createTestStack } from '../harness';
import { reportEvent, taskFor } from '../events';
import { TEST_ENV } from '../env';
import { isSensitiveRead } from '../../api/src/modules/audit/audit.middleware';

jest.setTimeout(900_000);

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: Schema;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  propertyNames?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  default?: unknown;
};
type Operation = {
  parameters: { name: string; in: 'path' | 'query'; required: boolean; schema: Schema }[];
  requestBody?: { content: { 'application/json': { schema: Schema } } };
};
type Op = { method: string; path: string; op: Operation };

const ROLES = ['anonymous', 'grid.hw01', 'haiwang.staff', 'xa.supervisor', 'admin'] as const;
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5_100);

const HOSTILE_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00',
  '\u0007bell',
  '\u202e\u200b',
  '💥'.repeat(3),
  '',
  ' ',
  '../../etc/passwd',
  '%00',
  '%',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'NaN',
  '-0',
  '1e309',
  '9'.repeat(40),
  'x'.repeat(70_000),
];
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  -1e308,
  Number.MIN_VALUE,
  [],
  [1, 'a', null],
  {},
  { $ne: null },
  { __proto__: { polluted: 1 } },
  JSON.parse('{"__proto__":{"polluted":1}}'),
];

const hostileText = () =>
  fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ unit: 'binary', maxLength: 40 }));
const hostile = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: hostileText() },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.bigInt().map((n) => Number(n) * 1e6) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
  );

/** A value for a JSON Schema: mostly what it describes, sometimes something hostile in its place. */
function fromSchema(schema: Schema, known: string[] = [], depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: valid(schema, known, depth) }, { weight: 1, arbitrary: hostile() });
}

function valid(schema: Schema, known: string[], depth: number): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valid(s, known, depth)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      const base = schema.pattern
        ? fc.stringMatching(new RegExp(schema.pattern))
        : schema.format === 'uri'
          ? fc.webUrl()
          : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 60, 60) });
      return known.length ? fc.oneof(base, fc.constantFrom(...known)) : base;
    }
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1000, -1e9),
        max: Math.min(schema.maximum ?? 1000, 1e9),
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? fromSchema(schema.items, known, depth + 1) : fc.anything(), {
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'object': {
      if (depth > 3) return fc.constant({});
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const fields = Object.fromEntries(
        Object.entries(props).map(([k, s]) => [k, fromSchema(s, known, depth + 1)]),
      );
      const record = fc.record(fields, {
        requiredKeys: Object.keys(props).filter((k) => required.has(k)),
      });
      // Unknown fields, and the values of a record (z.record) schema.
      const extra =
        typeof schema.additionalProperties === 'object'
          ? fc.dictionary(
              fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), hostileText()),
              fromSchema(schema.additionalProperties, known, depth + 1),
              { maxKeys: 4 },
            )
          : fc.oneof(
              { weight: 4, arbitrary: fc.constant({}) },
              {
                weight: 1,
                arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), hostile(), { maxKeys: 2 }),
              },
            );
      return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
    }
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

/** Percent-encodes a path or query value byte by byte; lone surrogates as the bytes of CESU-8. */
function encode(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff)
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** A path parameter: a real id of the right kind, a schema-shaped one, or something odd, sometimes left raw. */
const pathParam = (schema: Schema, known: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known).map(encode) },
    { weight: 2, arbitrary: valid(schema, [], 0).map((v) => encode(String(v))) },
    { weight: 2, arbitrary: hostileText().map((v) => encode(v)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%', '%zz', '%C0%AF', '..', '.', '%2e%2e%2f', '%2F', ';', '%E0%A4%A', '%00'),
    },
  );

const queryString = (op: Operation, known: string[]) => {
  const params = op.parameters.filter((p) => p.in === 'query');
  const one = (p: Operation['parameters'][number]) =>
    fc
      .oneof(
        { weight: 4, arbitrary: fromSchema(p.schema, known).map((v) => [v]) },
        { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 8 }), { minLength: 2, maxLength: 3 }) },
      )
      .map((values) =>
        (values as unknown[]).map(
          (v) => `${p.name}=${encode(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`,
        ),
      );
  return fc
    .tuple(
      fc.tuple(...params.map((p) => fc.option(one(p), { nil: undefined }))),
      fc.option(fc.tuple(hostileText(), hostileText()), { freq: 6, nil: undefined }),
    )
    .map(([parts, unknown]) =>
      [
        ...parts.filter((p) => p !== undefined).flat(),
        ...(unknown ? [`${encode(unknown[0]) || 'x'}=${encode(unknown[1])}`] : []),
      ].join('&'),
    );
};

/** The body: JSON from the schema (or hostile JSON), now and then not JSON at all. */
type Body = { type: 'json'; value: unknown } | { type: 'raw'; contentType: string; text: string };
const body = (op: Operation, known: string[]): fc.Arbitrary<Body | undefined> => {
  const schema = op.requestBody?.content['application/json'].schema;
  const json = schema ? fromSchema(schema, known) : fc.oneof(fc.constant(undefined), hostile());
  return fc.oneof(
    {
      weight: 12,
      arbitrary: json.map((value) => (value === undefined ? undefined : { type: 'json' as const, value })),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('raw' as const),
        contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        text: fc.oneof(
          fc.constantFrom('{', '{"a":', 'null', '[]', '"\\u0000"', '{"a":1}}', '1e99999', '{"__proto__":1}'),
          fc.string({ maxLength: 30 }),
        ),
      }),
    },
  );
};

describe('fuzzing every route from the OpenAPI document', () => {
  const stack = createTestStack();
  const since = new Date();
  const agents = new Map<string, Agent>();
  const engineAuth = `Basic ${Buffer.from('zhizhiApi:zhizhiApi').toString('base64')}`;
  const engineGet = async (path: string) => {
    const res = await fetch(`${TEST_ENV.ENGINE_REST_URL}${path}`, { headers: { Authorization: engineAuth } });
    if (!res.ok) throw new Error(`engine ${path}: ${res.status}`);
    return res.json();
  };

  // The engine's running instances are counted in its database: through its REST API each of the
  // 5,000 counts cost the engine node a request beside the suites sharing it.
  const engineDb = new Client({ connectionString: TEST_ENV.ENGINE_DATABASE_URL });

  /** Row counts of the main tables and the engine's running process instances. */
  async function counts() {
    // The database and the engine are asked at once: this runs after every fuzzed request.
    const [[rows], engine] = await Promise.all([
      stack.prisma.$queryRawUnsafe<Record<string, bigint>[]>(
        `SELECT ${[
          'Event',
          'InboxTask',
          'TaskShare',
          'TimelineEntry',
          'SupervisionCard',
          'Notification',
          'AssessmentRun',
          'AssessmentScore',
          'CalendarOverride',
          'Session',
          'User',
          'Org',
          'ProcessDefinition',
          'DecisionDefinition',
          'AuditLog',
          'ImportRun',
          'Dispute',
          'Petition',
          'PetitionNotice',
          'Person',
        ]
          .map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`)
          .join(', ')}`,
      ),
      engineDb.query<{ count: string }>('SELECT count(*) FROM act_ru_execution WHERE id_ = proc_inst_id_'),
    ]);
    return {
      ...Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, Number(v)])),
      engine: Number(engine.rows[0].count),
    };
  }

  let calendarBefore: string[] = [];
  afterAll(async () => {
    // A fuzzed 2xx may have set a working day or started a run: put the shared tables back.
    await stack.prisma.calendarOverride.deleteMany({ where: { date: { notIn: calendarBefore } } });
    await stack.prisma.calendarYear.deleteMany({ where: { importedAt: { gte: since } } });
    await stack.cancelCasesSince(since);
    const started = (await engineGet(
      `/history/process-instance?unfinished=true&startedAfter=${encodeURIComponent(since.toISOString().replace('Z', '+0000'))}`,
    )) as { id: string }[];
    for (const { id } of started) await stack.engine.deleteProcessInstance(id).catch(() => undefined);
    await clearLoginFailures();
    await engineDb.end();
    await stack.close();
  });

  it('answers no request with a 5xx, and a rejected request changes nothing', async () => {
    await engineDb.connect();
    calendarBefore = (await stack.prisma.calendarOverride.findMany()).map((c) => c.date);
    for (const role of ROLES)
      agents.set(role, role === 'anonymous' ? request.agent(stack.server) : await stack.loginAs(role));
    // Real ids, so that requests reach past the lookup: a case and its task, a definition, a note.
    // They come from a stack with the workers (the inbox feed), closed before the first fuzzed
    // request, so that nothing but the requests writes while the counts are compared.
    const setup = createTestStack({ workers: true });
    const member = await setup.loginAs('grid.hw01');
    const { id: eventId } = await reportEvent(member, { description: '模糊测试' });
    const { key: taskKey } = await taskFor(member, eventId, 'handle');
    await setup.close();
    const definition = await stack.prisma.processDefinition.findFirstOrThrow();
    const decision = await stack.prisma.decisionDefinition.findFirst();
    const known = [
      eventId,
      taskKey,
      definition.id,
      ...(decision ? [decision.id] : []),
      'BA-XA-C01-G01',
      'BA-XX',
      'BA-D-JUSTICE',
      '2026-10',
      '1',
      '2099-01-01',
    ];

    const doc = (await stack.http().get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const ops: Op[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method, path, op })),
    );
    expect(ops.length).toBeGreaterThan(40);
    const runsPerRoute = Math.ceil(REQUESTS / ops.length);

    const figures = {
      requests: 0,
      byClass: {} as Record<string, number>,
      byRoute: {} as Record<string, number>,
    };
    const failures: string[] = [];
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    const t0 = Date.now();
    let before = await counts();

    for (const { method, path, op } of ops) {
      const params = op.parameters.filter((p) => p.in === 'path');
      const input = fc.record({
        role: fc.constantFrom(...ROLES),
        path: fc.tuple(...params.map((p) => pathParam(p.schema, known))),
        query: queryString(op, known),
        body: method === 'get' || method === 'delete' ? fc.constant(undefined) : body(op, known),
      });
      await fc
        .assert(
          fc.asyncProperty(input, async ({ role, path: values, query, body: payload }) => {
            let url = path;
            params.forEach((p, i) => (url = url.replace(`{${p.name}}`, values[i] || '%20')));
            if (query) url += `?${query}`;
            const agent = agents.get(role)!;
            let req = agent[method as 'get' | 'post' | 'put' | 'delete'](url);
            if (payload?.type === 'json')
              req = req.set('Content-Type', 'application/json').send(JSON.stringify(payload.value));
            else if (payload?.type === 'raw')
              req = req.set('Content-Type', payload.contentType).send(payload.text);
            const res = await req;
            figures.requests++;
            const klass = `${String(res.status)[0]}xx`;
            figures.byClass[klass] = (figures.byClass[klass] ?? 0) + 1;
            const after = await counts();
            const what = `${role} ${method.toUpperCase()} ${url.slice(0, 300)} ${JSON.stringify(payload)?.slice(0, 300)}`;
            if (res.status >= 500) failures.push(`${res.status} ${what}: ${JSON.stringify(res.body)}`);
            if (res.status >= 400 && res.status < 500) {
              // …except the audit log: every write that reached the API, a refused one too, and every
              // refused read of a sensitive record leave exactly one entry (431: Node's HTTP parser
              // refused the headers before the API saw it).
              const refusedRead =
                (res.status === 403 || res.status === 404) &&
                // The path as the API receives it: the client sends dot segments unresolved.
                isSensitiveRead(method, url.replace(/[?#].*$/, ''));
              const audited = res.status === 431 ? 0 : method !== 'get' || refusedRead ? 1 : 0;
              const changed = Object.keys(after).filter((k) =>
                k === 'AuditLog'
                  ? (after as Record<string, number>).AuditLog !==
                    (before as Record<string, number>).AuditLog + audited
                  : after[k as keyof typeof after] !== before[k as keyof typeof before],
              );
              if (changed.length) failures.push(`${res.status} changed ${changed.join(', ')}: ${what}`);
            }
            before = after;
            // A fuzzed logout ended the session: sign in again, so the role keeps its identity.
            if (role !== 'anonymous' && path === '/api/auth/logout' && res.status < 300) {
              agents.set(role, await stack.loginAs(role));
              before = await counts();
            }
            return failures.length === 0;
          }),
          { numRuns: runsPerRoute, seed, endOnFailure: true },
        )
        .catch((err: unknown) => {
          if (!failures.length) failures.push(String(err).slice(0, 2000));
        });
      figures.byRoute[`${method.toUpperCase()} ${path}`] = figures.requests;
      if (failures.length) break;
    }
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(
      `[fuzz] seed ${seed}: ${figures.requests} requests over ${ops.length} routes × ${ROLES.length} roles in ${seconds}s; ` +
        Object.entries(figures.byClass)
          .sort()
          .map(([k, n]) => `${k} ${n}`)
          .join(', '),
    );
    expect(failures).toEqual([]);
    expect(figures.requests).toBeGreaterThanOrEqual(Math.min(REQUESTS, 5_000));
  });
});
