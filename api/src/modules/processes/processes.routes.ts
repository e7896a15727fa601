import { readFile } from 'node:fs/promises';
import Router from '@koa/router';
import { z } from 'zod';
import { HttpError, parse } from '../../http/errors';
import type { RouteSpec } from '../../http/openapi';
import { TEMPLATES_FILE } from '../../../../lib/processes';
import { auditAs } from '../audit/audit.middleware';
import { caller, type AppState } from '../auth/session.middleware';
import type { ProcessesService } from './processes.service';

/** An engine definition id (`event-handling:3:<uuid>`). */
const keyParam = z.object({ key: z.string().regex(/^[A-Za-z0-9:._-]{1,128}$/) });
// A diagram of a few hundred elements is well under 1 MB, the API's JSON limit.
const deployBody = z.object({ xml: z.string().min(1).max(1_000_000) });

export const processesSpecs: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/processes',
    summary: '流程图及其版本、运行中的实例数 Diagrams, their versions and running instances',
    tag: 'processes',
  },
  {
    method: 'get',
    path: '/api/processes/worker-templates',
    summary:
      '自动步骤目录：每个 worker 的 Camunda 7 元素模板 The worker catalog: one Camunda 7 element template per worker',
    tag: 'processes',
  },
  {
    method: 'get',
    path: '/api/processes/versions/:key',
    summary: '某版本的流程图 XML One version with its XML',
    tag: 'processes',
    params: keyParam,
  },
  {
    method: 'get',
    path: '/api/processes/versions/:key/bpmn',
    summary: '下载 .bpmn（可用 Camunda Modeler 打开） Download the .bpmn (opens in Camunda Modeler)',
    tag: 'processes',
    params: keyParam,
  },
  {
    method: 'post',
    path: '/api/processes/deployments',
    summary: '检查并部署新版本 Lint and deploy a new version',
    tag: 'processes',
    body: deployBody,
  },
  {
    method: 'get',
    path: '/api/processes/decisions',
    summary: '决策表及其版本 Decision tables and their versions',
    tag: 'processes',
  },
  {
    method: 'get',
    path: '/api/processes/decisions/:key',
    summary: '某版本的决策表 XML One decision table version with its XML',
    tag: 'processes',
    params: keyParam,
  },
  {
    method: 'get',
    path: '/api/processes/decisions/:key/dmn',
    summary: '下载 .dmn Download the .dmn',
    tag: 'processes',
    params: keyParam,
  },
  {
    method: 'post',
    path: '/api/processes/decisions',
    summary: '检查并部署决策表新版本 Check and deploy a new decision table version',
    tag: 'processes',
    body: deployBody,
  },
];

/** The process designer's API (流程设计员; admins too). */
export function processesRoutes(service: ProcessesService) {
  const router = new Router<AppState>({ prefix: '/api/processes' });
  // Every route here is the designer's: a caller without read access learns nothing.
  const designer = (state: AppState) => {
    const c = caller(state);
    if (!c.ability.can('design', 'ProcessDefinition')) throw new HttpError(403, 'error.forbidden');
    return c;
  };

  router.get('/', async (ctx) => {
    ctx.body = await service.list(designer(ctx.state));
  });
  // Generated from the workers' declarations (`npm run topics`), read once.
  let templates: Promise<unknown[]> | undefined;
  router.get('/worker-templates', async (ctx) => {
    designer(ctx.state);
    templates ??= readFile(TEMPLATES_FILE, 'utf8')
      .then((text) => JSON.parse(text) as unknown[])
      .catch((err: unknown) => {
        templates = undefined;
        throw err;
      });
    ctx.body = await templates;
  });
  router.get('/versions/:key', async (ctx) => {
    const who = designer(ctx.state);
    const d = await service.get(parse(keyParam, ctx.params).key, who);
    ctx.body = { key: d.key, bpmnProcessId: d.bpmnProcessId, version: d.version, deployedAt: d.deployedAt, xml: d.xml };
  });
  router.get('/versions/:key/bpmn', async (ctx) => {
    const who = designer(ctx.state);
    const d = await service.get(parse(keyParam, ctx.params).key, who);
    // The XML exactly as deployed: DI and the camunda namespace kept, so Camunda Modeler opens it.
    ctx.type = 'application/xml';
    ctx.attachment(`${d.bpmnProcessId}-v${d.version}.bpmn`);
    ctx.body = d.xml;
  });
  router.post('/deployments', async (ctx) => {
    const who = designer(ctx.state);
    const deployed = await service.deploy(parse(deployBody, ctx.request.body).xml, who);
    const { key, bpmnProcessId, version, warnings } = deployed;
    auditAs(ctx.state, {
      action: 'process.deploy',
      subjectType: 'ProcessDefinition',
      subjectId: key,
      detail: { bpmnProcessId, version, warnings: warnings.length },
    });
    ctx.body = deployed;
    ctx.status = 201;
  });
  router.get('/decisions', async (ctx) => {
    ctx.body = await service.listDecisions(designer(ctx.state));
  });
  router.get('/decisions/:key', async (ctx) => {
    const who = designer(ctx.state);
    const { key, decisionRequirementsId, decisionIds, version, deployedAt, xml } = await service.getDecision(
      parse(keyParam, ctx.params).key,
      who,
    );
    ctx.body = { key, decisionRequirementsId, decisionIds, version, deployedAt, xml };
  });
  router.get('/decisions/:key/dmn', async (ctx) => {
    const who = designer(ctx.state);
    const d = await service.getDecision(parse(keyParam, ctx.params).key, who);
    ctx.type = 'application/xml';
    ctx.attachment(`${d.decisionIds[0] ?? d.decisionRequirementsId}-v${d.version}.dmn`);
    ctx.body = d.xml;
  });
  router.post('/decisions', async (ctx) => {
    const who = designer(ctx.state);
    const deployed = await service.deployDecision(parse(deployBody, ctx.request.body).xml, who);
    const { key, decisionRequirementsId, version } = deployed;
    auditAs(ctx.state, {
      action: 'decision.deploy',
      subjectType: 'DecisionDefinition',
      subjectId: key,
      detail: { decisionRequirementsId, version },
    });
    ctx.body = deployed;
    ctx.status = 201;
  });
  return router;
}
