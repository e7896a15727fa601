import { PROGRESS_ID } from '../../../../lib/progress';
import { z } from 'zod';
import { CaseKind } from '@prisma/client';
import { instant, listOf } from '../../http/answers';
import { routesOf } from '../../http/define-route';
import { t } from '../../../../lib/i18n';
import { fieldError } from '../../http/errors';
import { auditAs } from '../audit/audit.middleware';
import { workerTemplates, type ProcessesService } from './processes.service';

/** An engine definition id (`event-handling:3:<uuid>`). */
const keyParam = z.object({ key: z.string().regex(/^[A-Za-z0-9:._-]{1,128}$/) });
// A diagram of a few hundred elements is well under 1 MB, the API's JSON limit.
// Forms travel beside it: a Camunda Form is a few kilobytes.
const deployBody = z.object({
  xml: z.string().min(1).max(1_000_000),
  /** Camunda Forms deployed with the diagram (its formRefs), as the form editor or Camunda Modeler saved them. */
  forms: z
    .array(z.object({ schema: z.record(z.string(), z.unknown()) }))
    .max(50)
    .default([]),
});
/** A candidate group of an imported diagram. */
const groupParam = z.object({ group: z.string().regex(/^[^:,$\s]{1,64}$/) });
const groupMapping = z.object({ group: z.string(), orgId: z.string(), orgName: z.string() });

const versionFacts = { key: z.string(), version: z.number(), resourceName: z.string(), deployedAt: instant };
const decisionFacts = { ...versionFacts, decisionRequirementsId: z.string(), decisionIds: z.array(z.string()) };
const xmlFile = { file: 'application/xml' } as const;

const DAY = 86_400_000;
/** A draft decision and the period to try it on (default: the last 30 days). */
const trialBody = z.strictObject({
  xml: z.string().min(1).max(1_000_000),
  decisionId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** The dialog's id of this run: its progress is read at /api/progress/:id while it runs. */
  progressId: z.string().regex(PROGRESS_ID).optional(),
});
const outputsChange = { from: z.string(), to: z.string() };
const trialAnswer = z.object({
  id: z.string(),
  runAt: instant,
  decisionId: z.string(),
  decisionName: z.string(),
  from: z.string(),
  to: z.string(),
  /** Recorded evaluations in the period; those replayed; those whose inputs cannot be (an input not a variable's name). */
  evaluations: z.number(),
  replayed: z.number(),
  notReplayable: z.number(),
  distinctInputs: z.number(),
  changed: z.number(),
  changes: z.array(z.object({ ...outputsChange, count: z.number() })),
  byUnit: z.array(z.object({ unitId: z.string().nullable(), unitName: z.string().nullable(), changed: z.number() })),
  cases: z.array(
    z.object({
      caseKind: z.enum(CaseKind).nullable(),
      caseNo: z.string().nullable(),
      link: z.string().nullable(),
      ...outputsChange,
    }),
  ),
  rulesNeverHit: z.array(z.object({ id: z.string(), description: z.string() })),
  unmatched: z.array(z.object({ variables: z.record(z.string(), z.unknown()), count: z.number() })),
  failures: z.array(z.object({ message: z.string(), count: z.number() })),
});

const route = routesOf<ProcessesService>('processes');

/**
 * The process designer's API (流程设计员; admins too): every route is the designer's, so a caller
 * who may not design learns nothing (403); deploying needs the right to create a definition.
 */
export const processesRoutes = [
  route({
    method: 'get',
    path: '/api/processes',
    summary: '流程图及其版本、运行中的实例数 Diagrams, their versions and running instances',
    access: ['design', 'ProcessDefinition'],
    answer: listOf(
      z.object({
        bpmnProcessId: z.string(),
        versions: z.array(z.object({ ...versionFacts, bpmnProcessId: z.string(), runningInstances: z.number() })),
      }),
    ),
    handler: (service, { who }) => service.list(who),
  }),
  route({
    method: 'get',
    path: '/api/processes/worker-templates',
    summary:
      '自动步骤目录：每个 worker 的 Camunda 7 元素模板 The worker catalog: one Camunda 7 element template per worker',
    access: ['design', 'ProcessDefinition'],
    // Camunda element templates (their own JSON schema, published by Camunda).
    answer: z.array(z.record(z.string(), z.unknown())),
    handler: async () => z.array(z.record(z.string(), z.unknown())).parse(await workerTemplates()),
  }),
  route({
    method: 'get',
    path: '/api/processes/versions/:key',
    summary: '某版本的流程图 XML One version with its XML',
    access: ['design', 'ProcessDefinition'],
    params: keyParam,
    answer: z.object({
      key: z.string(),
      bpmnProcessId: z.string(),
      version: z.number(),
      deployedAt: instant,
      xml: z.string(),
    }),
    handler: async (service, { params, who }) => {
      const d = await service.get(params.key, who);
      return { key: d.key, bpmnProcessId: d.bpmnProcessId, version: d.version, deployedAt: d.deployedAt, xml: d.xml };
    },
  }),
  route({
    method: 'get',
    path: '/api/processes/versions/:key/bpmn',
    summary: '下载 .bpmn（可用 Camunda Modeler 打开） Download the .bpmn (opens in Camunda Modeler)',
    access: ['design', 'ProcessDefinition'],
    params: keyParam,
    answer: xmlFile,
    handler: async (service, { params, who, ctx }) => {
      const d = await service.get(params.key, who);
      // The XML exactly as deployed: DI and the camunda namespace kept, so Camunda Modeler opens it.
      ctx.type = 'application/xml';
      ctx.attachment(`${d.bpmnProcessId}-v${d.version}.bpmn`);
      ctx.body = d.xml;
    },
  }),
  route({
    method: 'get',
    path: '/api/processes/versions/:key/forms',
    summary: '某版本部署的表单（表单编辑器打开的） The Camunda Forms deployed with a version (what the form editor opens)',
    access: ['design', 'ProcessDefinition'],
    params: keyParam,
    answer: listOf(z.object({ id: z.string(), name: z.string(), schema: z.record(z.string(), z.unknown()) })),
    handler: (service, { params, who }) => service.forms(params.key, who),
  }),
  route({
    method: 'post',
    path: '/api/processes/deployments',
    summary: '检查并部署新版本 Lint and deploy a new version',
    access: ['create', 'ProcessDefinition'],
    body: deployBody,
    answer: z.object({
      key: z.string(),
      bpmnProcessId: z.string(),
      version: z.number(),
      deployedAt: instant,
      /** The lint's warnings (errors refuse the deployment). */
      warnings: z.array(
        z.object({ rule: z.string(), elementId: z.string(), message: z.string(), category: z.enum(['warn', 'error']) }),
      ),
    }),
    status: 201,
    handler: async (service, { body, ctx }) => {
      const deployed = await service.deploy(body.xml, body.forms);
      const { key, bpmnProcessId, version, warnings } = deployed;
      auditAs(ctx.state, {
        action: 'process.deploy',
        subjectType: 'ProcessDefinition',
        subjectId: key,
        detail: { bpmnProcessId, version, warnings: warnings.length },
      });
      return deployed;
    },
  }),
  route({
    method: 'get',
    path: '/api/processes/decisions',
    summary: '决策表及其版本 Decision tables and their versions',
    access: ['design', 'ProcessDefinition'],
    answer: listOf(
      z.object({
        decisionRequirementsId: z.string(),
        name: z.string().nullable(),
        versions: z.array(z.object(decisionFacts)),
      }),
    ),
    handler: (service) => service.listDecisions(),
  }),
  route({
    method: 'get',
    path: '/api/processes/decisions/:key',
    summary: '某版本的决策表 XML One decision table version with its XML',
    access: ['design', 'ProcessDefinition'],
    params: keyParam,
    answer: z.object({
      key: z.string(),
      decisionRequirementsId: z.string(),
      decisionIds: z.array(z.string()),
      version: z.number(),
      deployedAt: instant,
      xml: z.string(),
    }),
    handler: async (service, { params }) => {
      const { key, decisionRequirementsId, decisionIds, version, deployedAt, xml } = await service.getDecision(
        params.key,
      );
      return { key, decisionRequirementsId, decisionIds, version, deployedAt, xml };
    },
  }),
  route({
    method: 'get',
    path: '/api/processes/decisions/:key/dmn',
    summary: '下载 .dmn Download the .dmn',
    access: ['design', 'ProcessDefinition'],
    params: keyParam,
    answer: xmlFile,
    handler: async (service, { params, ctx }) => {
      const d = await service.getDecision(params.key);
      ctx.type = 'application/xml';
      ctx.attachment(`${d.decisionIds[0] ?? d.decisionRequirementsId}-v${d.version}.dmn`);
      ctx.body = d.xml;
    },
  }),
  route({
    method: 'post',
    path: '/api/processes/decisions',
    summary: '检查并部署决策表新版本 Check and deploy a new decision table version',
    access: ['create', 'ProcessDefinition'],
    body: deployBody,
    answer: z.object({
      key: z.string(),
      decisionRequirementsId: z.string(),
      decisionIds: z.array(z.string()),
      version: z.number(),
      deployedAt: instant,
    }),
    status: 201,
    handler: async (service, { body, ctx }) => {
      const deployed = await service.deployDecision(body.xml);
      const { key, decisionRequirementsId, version } = deployed;
      auditAs(ctx.state, {
        action: 'decision.deploy',
        subjectType: 'DecisionDefinition',
        subjectId: key,
        detail: { decisionRequirementsId, version },
      });
      return deployed;
    },
  }),
  route({
    method: 'post',
    path: '/api/processes/decisions/trials',
    summary: '试算：决策表草稿在某期间的真实输入上重算 Trial: a draft decision replayed on a period’s recorded inputs',
    access: ['design', 'ProcessDefinition'],
    body: trialBody,
    answer: trialAnswer,
    status: 201,
    handler: async (service, { body, who, ctx }) => {
      const to = body.to ?? new Date();
      const from = body.from ?? new Date(to.getTime() - 30 * DAY);
      if (!(from < to) || to.getTime() - from.getTime() > 366 * DAY)
        throw fieldError('from', t('error.trialPeriod'));
      const trial = await service.trials.run(
        { xml: body.xml, decisionId: body.decisionId, from, to, progressId: body.progressId },
        who.user.id,
      );
      auditAs(ctx.state, {
        action: 'decision.trial',
        subjectType: 'DecisionDefinition',
        subjectId: trial.decisionId,
        detail: { trialId: trial.id, from: trial.from, to: trial.to, evaluations: trial.evaluations, changed: trial.changed },
      });
      return trial;
    },
  }),
  route({
    method: 'get',
    path: '/api/processes/decisions/trials/:decisionId',
    summary: '某决策的试算记录 A decision’s trials, newest first',
    access: ['design', 'ProcessDefinition'],
    params: z.object({ decisionId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/) }),
    answer: listOf(
      z.object({
        id: z.string(),
        fromAt: instant,
        toAt: instant,
        evaluations: z.number(),
        changed: z.number(),
        createdAt: instant,
        xmlHash: z.string(),
        runByName: z.string(),
      }),
    ),
    handler: async (service, { params }) => ({ items: await service.trials.list(params.decisionId) }),
  }),
  route({
    method: 'get',
    path: '/api/processes/group-mappings',
    summary: '候选组与单位的对应 Imported candidate groups and their units',
    access: ['design', 'ProcessDefinition'],
    answer: listOf(groupMapping.extend({ updatedAt: instant })),
    handler: (service) => service.groupMappings(),
  }),
  route({
    method: 'put',
    path: '/api/processes/group-mappings/:group',
    summary: '将候选组对应到单位 Map an imported candidate group to a unit',
    access: ['create', 'ProcessDefinition'],
    params: groupParam,
    body: z.object({ orgId: z.string().min(1).max(64) }),
    answer: groupMapping.extend({ changed: z.boolean() }),
    handler: async (service, { params, body, ctx }) => {
      const mapped = await service.mapGroup(params.group, body.orgId);
      if (mapped.changed)
        auditAs(ctx.state, { action: 'process.map-group', subjectType: 'GroupMapping', subjectId: params.group, detail: { orgId: body.orgId } });
      return mapped;
    },
  }),
  route({
    method: 'delete',
    path: '/api/processes/group-mappings/:group',
    summary: '删除候选组的对应 Remove a group mapping',
    access: ['create', 'ProcessDefinition'],
    params: groupParam,
    answer: 'empty',
    handler: async (service, { params, ctx }) => {
      await service.unmapGroup(params.group);
      auditAs(ctx.state, { action: 'process.unmap-group', subjectType: 'GroupMapping', subjectId: params.group, detail: {} });
    },
  }),
];
