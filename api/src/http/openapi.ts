import { z } from 'zod';

/** One route as the OpenAPI document shows it, built from the zod schemas the route validates with. */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Koa path, e.g. /api/tasks/:key */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it; every route but login and health needs a session. */
  auth?: 'none' | 'session' | 'session-or-channel';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
}

type JsonSchema = { properties?: Record<string, unknown>; required?: string[]; [k: string]: unknown };

const jsonSchema = (schema: z.ZodType): JsonSchema => {
  const result = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete result.$schema;
  return result;
};

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function parameters(where: 'path' | 'query', schema?: z.ZodObject) {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema);
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    schema: s,
  }));
}

const ERROR = {
  description: '错误 Error: { error: { code, message: { zh-CN, en }, fields?: [{ field, message }] } }',
};

export function openApiDocument(specs: RouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const auth = spec.auth ?? 'session';
    paths[openApiPath(spec.path)] ??= {};
    paths[openApiPath(spec.path)][spec.method] = {
      summary: spec.summary,
      tags: [spec.tag],
      security:
        auth === 'none' ? [] : auth === 'session' ? [{ session: [] }] : [{ session: [] }, { channelKey: [] }],
      parameters: [...parameters('path', spec.params), ...parameters('query', spec.query)],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(spec.body) } },
            },
          }
        : {}),
      responses: { '2XX': { description: 'OK' }, '4XX': ERROR, '503': ERROR },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: '智治 Zhizhi API', version: '0.1.0', description: '基层社会治理工作流平台 API' },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'zz_session' },
        channelKey: { type: 'apiKey', in: 'header', name: 'X-Channel-Key' },
      },
    },
    paths,
  };
}
