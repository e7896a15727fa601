import { z } from 'zod';
import { accessText, type Access, type Answer } from './define-route';

/** One route as the OpenAPI document shows it, built from the zod schemas the route validates with. */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Koa path, e.g. /api/tasks/:key */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  answer: Answer;
  /** The status of a successful answer. */
  status: number;
}

type JsonSchema = { properties?: Record<string, unknown>; required?: string[]; [k: string]: unknown };

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema => {
  const result = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
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

function answer(spec: RouteSpec) {
  if (spec.answer === 'empty') return { description: '无内容 No content' };
  if ('file' in spec.answer)
    return {
      description: '文件 File',
      content: { [spec.answer.file]: { schema: { type: 'string', format: 'binary' } } },
    };
  return {
    description: 'OK',
    content: { 'application/json': { schema: jsonSchema(spec.answer, 'output') } },
  };
}

const security = (access: Access) =>
  access === 'public'
    ? []
    : access === 'signed-in-or-channel'
      ? [{ session: [] }, { channelKey: [] }]
      : [{ session: [] }];

export function openApiDocument(specs: RouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    paths[openApiPath(spec.path)] ??= {};
    paths[openApiPath(spec.path)][spec.method] = {
      summary: spec.summary,
      tags: [spec.tag],
      security: security(spec.access),
      ...(typeof spec.access !== 'string' ? { 'x-ability': accessText(spec.access) } : {}),
      parameters: [...parameters('path', spec.params), ...parameters('query', spec.query)],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(spec.body) } },
            },
          }
        : {}),
      responses: { [spec.status]: answer(spec), '4XX': ERROR, '503': ERROR },
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
