import { z } from 'zod';
import { creditCode, residentIdNumber } from '../../../lib/identity-numbers';
import { routesOf } from '../../../api/src/http/define-route';
import { fieldError, HttpError, parse } from '../../../api/src/http/errors';
import { importFileFields } from '../../../api/src/modules/admin/imports-admin.routes';
import { XLSX } from '../../../api/src/modules/exports/xlsx-stream';
import { t } from '../../../lib/i18n';
import { PROGRESS_ID } from '../../../lib/progress';
import { rowField, sheetTemplate, sheetToImport } from '../base-import-sheet';
import type { BaseDataService } from './base-data.service';
import {
  buildingLayerAnswer,
  buildingPageAnswer,
  businessesAnswer,
  byCodeAnswer,
  changesAnswer,
  importAnswer,
  publicBuildingAnswer,
  residentAnswer,
  residentsAnswer,
  searchAnswer,
  submittedAnswer,
} from './base-data.answers';

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().trim().min(1).max(50);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[\d-]{7,20}$/);
const idParam = z.object({ id });
const codeParam = z.object({ code: z.string().trim().min(1).max(40) });
const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

const buildingFields = {
  gridId: id.optional(),
  road: text(50).optional(),
  doorNo: text(20).optional(),
  name: text(50),
  lng: z.number().min(-180).max(180).optional(),
  lat: z.number().min(-90).max(90).optional(),
  floors: z.number().int().min(1).max(200).optional(),
};
const buildingBody = z.strictObject({ orgId: id, ...buildingFields });
const buildingPatch = z.strictObject(buildingFields).partial();
const roomFields = {
  unitNo: text(10).optional(),
  floor: z.number().int().min(-10).max(200).optional(),
  roomNo: text(20),
  use: z.enum(['RESIDENTIAL', 'RENTAL', 'COMMERCIAL', 'VACANT', 'OTHER']).optional(),
  ownerName: text(50).optional(),
  tenantName: text(50).optional(),
  area: z.number().positive().max(100_000).optional(),
};
const roomBody = z.strictObject(roomFields);
const roomPatch = roomBody.partial();
const personFields = {
  name: text(50),
  gender: z.enum(['M', 'F']).optional(),
  idNumber: residentIdNumber,
  phone: phone.optional(),
  kind: z.enum(['HOUSEHOLD', 'FLOATING', 'FOREIGN']).optional(),
};
/** 独居老人, 留守儿童, 重点人群 … */
const tags = z.array(text(20)).max(20).optional();
const residentBody = z.strictObject({ roomId: id, ...personFields, tags });
const residentPatch = z
  .strictObject({
    roomId: id,
    name: personFields.name,
    gender: personFields.gender,
    phone,
    kind: personFields.kind,
    tags,
  })
  .partial();
const declareBody = z.strictObject({ roomId: id, ...personFields });
const businessFields = {
  name: text(100),
  legalRep: text(50).optional(),
  /** 企业, 个体工商户, 社会组织, 机关事业单位 … */
  kind: text(20).optional(),
};
const businessBody = z.strictObject({
  ...businessFields,
  uscc: creditCode,
  buildingId: id.optional(),
  roomId: id.optional(),
});
const businessPatch = z.strictObject({ ...businessFields, buildingId: id, roomId: id }).partial();
const importBody = z.strictObject({
  dryRun: z.boolean().default(false),
  buildings: z
    .array(
      z.strictObject({
        orgId: id,
        ...buildingFields,
        rooms: z
          .array(
            z.strictObject({
              ...roomFields,
              residents: z
                .array(z.strictObject({ ...personFields, tags }))
                .max(50)
                .default([]),
            }),
          )
          .max(2000)
          .default([]),
        businesses: z
          .array(z.strictObject({ ...businessFields, uscc: creditCode, roomNo: text(20).optional() }))
          .max(500)
          .default([]),
      }),
    )
    .min(1)
    .max(500),
});

const route = routesOf<BaseDataService>('base-data');

/**
 * 块数据: addresses, buildings, rooms, residents, businesses. Each record is checked against the
 * caller's scope in the service; a grid member's write answers 202 (a proposal for review).
 */
export const baseDataRoutes = [
  route({
    method: 'get',
    path: '/api/base/search',
    summary: '地址/人口/单位搜索 Search addresses, residents, businesses',
    access: 'signed-in',
    query: z.object({ q: text(100) }),
    answer: searchAnswer,
    handler: (s, { query, who }) => s.search(query.q, who),
  }),
  route({
    method: 'get',
    path: '/api/base/codes/:code',
    summary: '扫码：编码对应的楼栋 The building a code names',
    access: 'signed-in',
    params: codeParam,
    answer: byCodeAnswer,
    handler: (s, { params, who }) => s.byCode(params.code, who),
  }),
  route({
    method: 'post',
    path: '/api/base/buildings',
    summary: '新增楼栋 Add a building',
    access: 'signed-in',
    body: buildingBody,
    answer: submittedAnswer,
    status: 201,
    handler: async (s, { body, who, ctx }) => accepted(ctx, await s.createBuilding(body, who)),
  }),
  route({
    method: 'get',
    path: '/api/base/buildings/:id',
    summary: '楼栋页（查阅留痕） A building’s page (audited)',
    access: 'signed-in',
    before: (s, { params, who }) => s.readable('building', params.id, who),
    params: idParam,
    answer: buildingPageAnswer,
    handler: (s, { params, who, ctx }) => s.building(params.id, who, ctx.ip),
  }),
  route({
    method: 'put',
    path: '/api/base/buildings/:id',
    summary: '更正楼栋 Correct a building',
    access: 'signed-in',
    before: (s, { params, who }) => s.readable('building', params.id, who),
    params: idParam,
    body: buildingPatch,
    answer: submittedAnswer,
    handler: async (s, { params, body, who, ctx }) =>
      accepted(ctx, await s.updateBuilding(params.id, body, who)),
  }),
  route({
    method: 'post',
    path: '/api/base/buildings/:id/rooms',
    summary: '新增房屋 Add a room',
    access: 'signed-in',
    before: (s, { params, who }) => s.readable('building', params.id, who),
    params: idParam,
    body: roomBody,
    answer: submittedAnswer,
    status: 201,
    handler: async (s, { params, body, who, ctx }) => accepted(ctx, await s.createRoom(params.id, body, who)),
  }),
  route({
    method: 'put',
    path: '/api/base/rooms/:id',
    summary: '更正房屋 Correct a room',
    access: 'signed-in',
    before: (s, { params, who }) => s.readable('room', params.id, who),
    params: idParam,
    body: roomPatch,
    answer: submittedAnswer,
    handler: async (s, { params, body, who, ctx }) => accepted(ctx, await s.updateRoom(params.id, body, who)),
  }),
  route({
    method: 'get',
    path: '/api/base/residents',
    summary: '实有人口（脱敏） Residents (masked)',
    access: 'signed-in',
    query: z.object({ ...page, buildingId: id.optional(), q: text(50).optional() }),
    answer: residentsAnswer,
    handler: (s, { query, who }) => s.residents(query, who),
  }),
  route({
    method: 'post',
    path: '/api/base/residents',
    summary: '新增实有人口 Add a resident',
    access: 'signed-in',
    body: residentBody,
    answer: submittedAnswer,
    status: 201,
    handler: async (s, { body, who, ctx }) => accepted(ctx, await s.createResident(body, who)),
  }),
  route({
    method: 'get',
    path: '/api/base/residents/:id',
    summary: '实有人口详情（查阅留痕） A resident (audited)',
    access: 'signed-in',
    before: (s, { params, who }) => s.readable('resident', params.id, who),
    params: idParam,
    answer: residentAnswer,
    handler: (s, { params, who, ctx }) => s.resident(params.id, who, ctx.ip),
  }),
  route({
    method: 'put',
    path: '/api/base/residents/:id',
    summary: '更正实有人口 Correct a resident',
    access: 'signed-in',
    before: (s, { params, who }) => s.readable('resident', params.id, who),
    params: idParam,
    body: residentPatch,
    answer: submittedAnswer,
    handler: async (s, { params, body, who, ctx }) =>
      accepted(ctx, await s.updateResident(params.id, body, who)),
  }),
  route({
    method: 'post',
    path: '/api/base/residents/:id/move-out',
    summary: '迁出 A resident moved out',
    access: 'signed-in',
    before: (s, { params, who }) => s.readable('resident', params.id, who),
    params: idParam,
    body: z.strictObject({ reason: text(200) }),
    answer: submittedAnswer,
    handler: async (s, { params, body, who, ctx }) =>
      accepted(ctx, await s.moveOut(params.id, body.reason, who)),
  }),
  route({
    method: 'get',
    path: '/api/base/businesses',
    summary: '实有单位 Businesses',
    access: 'signed-in',
    query: z.object({ ...page, q: text(100).optional() }),
    answer: businessesAnswer,
    handler: (s, { query, who }) => s.businesses(query, who),
  }),
  route({
    method: 'post',
    path: '/api/base/businesses',
    summary: '新增实有单位 Add a business',
    access: 'signed-in',
    body: businessBody,
    answer: submittedAnswer,
    status: 201,
    handler: async (s, { body, who, ctx }) => accepted(ctx, await s.createBusiness(body, who)),
  }),
  route({
    method: 'put',
    path: '/api/base/businesses/:id',
    summary: '更正实有单位 Correct a business',
    access: 'signed-in',
    before: (s, { params, who }) => s.readable('business', params.id, who),
    params: idParam,
    body: businessPatch,
    answer: submittedAnswer,
    handler: async (s, { params, body, who, ctx }) =>
      accepted(ctx, await s.updateBusiness(params.id, body, who)),
  }),
  route({
    method: 'get',
    path: '/api/base/changes',
    summary: '采集变更与审核 Changes and proposals',
    access: 'signed-in',
    query: z.object({ ...page, status: z.enum(['PROPOSED', 'APPROVED', 'REJECTED', 'APPLIED']).optional() }),
    answer: changesAnswer,
    handler: (s, { query, who }) => s.changes(query, who),
  }),
  route({
    method: 'post',
    path: '/api/base/import',
    summary: '导入楼栋、房屋、人口、单位 Import buildings, rooms, residents, businesses',
    access: ['create', 'Building'],
    body: importBody,
    answer: importAnswer,
    handler: (s, { body, who }) => s.import(body, who),
  }),
  route({
    method: 'get',
    path: '/api/base/map',
    summary: '楼栋图层：楼栋及其事件数 The building layer: buildings with their cases',
    access: ['read', 'Building'],
    query: z.object({
      /** minLng,minLat,maxLng,maxLat (WGS-84) */
      bbox: z
        .string()
        .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/)
        .transform((v) => v.split(',').map(Number) as [number, number, number, number])
        .refine(
          ([x1, y1, x2, y2]) => x1 <= x2 && y1 <= y2 && x1 >= -180 && x2 <= 180 && y1 >= -90 && y2 <= 90,
        )
        .optional(),
    }),
    answer: buildingLayerAnswer,
    handler: (s, { query, who }) => s.buildingLayer(who, query.bbox),
  }),
  route({
    method: 'post',
    path: '/api/base/import/file',
    summary: '从 .xlsx/.csv 导入块数据（可先检查） Import the base from a spreadsheet (dry run first)',
    access: ['create', 'Building'],
    body: z.strictObject({
      ...importFileFields,
      dryRun: z.boolean().default(false),
      /** Where the import stands is readable at GET /api/progress/:id while it runs. */
      progressId: z.string().regex(PROGRESS_ID).optional(),
    }),
    answer: importAnswer,
    handler: async (s, { body, who }) => {
      const report = s.reporter(who, body.progressId);
      report('read', 0);
      const sheet = await sheetToImport(body.fileName, Buffer.from(body.content, 'base64'));
      if (!sheet) throw fieldError('content', t('import.badFile'));
      if (sheet.problems.length) throw new HttpError(400, 'error.validation', sheet.problems);
      // The same checks as the JSON import's, each problem named by the spreadsheet's row.
      const byRow = (err: unknown): never => {
        if (!(err instanceof HttpError) || err.status !== 400) throw err;
        throw new HttpError(
          400,
          err.code,
          err.fields.map((f) => ({ ...f, field: rowField(f.field, sheet.origins) })),
          err.extra,
        );
      };
      let input: z.output<typeof importBody>;
      try {
        input = parse(importBody, { ...sheet.body, dryRun: body.dryRun });
      } catch (err) {
        return byRow(err);
      }
      return s.import(input, who, report).catch(byRow);
    },
  }),
  route({
    method: 'get',
    path: '/api/base/export/residents',
    summary: '导出实有人口（.xlsx/.csv，审计） Export the residents of one’s area (audited)',
    access: ['export', 'Resident'],
    query: z.object({
      format: z.enum(['xlsx', 'csv']).default('xlsx'),
      buildingId: id.optional(),
      q: text(50).optional(),
      /** ID numbers and phones in full: only for those who may (exportFull), else 403. */
      full: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .default(false),
    }),
    answer: { file: 'application/octet-stream' },
    handler: (s, { query, who, ctx }) => s.exportResidents(ctx, query, who),
  }),
  route({
    method: 'get',
    path: '/api/base/import/template',
    summary: '块数据导入模板 The base import template (.xlsx)',
    access: ['create', 'Building'],
    answer: { file: XLSX },
    handler: async (_s, { ctx }) => {
      ctx.type = XLSX;
      ctx.set(
        'Content-Disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent('块数据导入模板.xlsx')}`,
      );
      ctx.body = await sheetTemplate();
    },
  }),
  route({
    method: 'get',
    path: '/api/public/buildings/:code',
    summary: '楼栋二维码页（免登录） A building’s QR page (public)',
    access: 'public',
    params: codeParam,
    answer: publicBuildingAnswer,
    handler: (s, { params }) => s.publicBuilding(params.code),
  }),
  route({
    method: 'post',
    path: '/api/public/buildings/:code/declarations',
    summary: '居民自主申报（免登录，限频） Self-declaration (public, rate-limited)',
    access: 'public',
    params: codeParam,
    body: declareBody,
    answer: submittedAnswer,
    status: 202,
    handler: (s, { params, body, ctx }) => s.declare(params.code, body, ctx.ip),
  }),
];

/** A proposal is accepted for review (202), not yet made (201). */
function accepted<T extends { status: string }>(ctx: { status: number }, result: T): T {
  if (result.status === 'PROPOSED') ctx.status = 202;
  return result;
}
