import type { FeedPosition } from '../../lib/engine/feed-position';
import { existsSync } from 'node:fs';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ProcessEngine } from '../../lib/engine/process-engine';
import type { Db } from '../../lib/db';
import type { Queues } from '../../lib/queues';
import type { ApiConfig } from './config';
import { errorHandler, requireJson } from './http/errors';
import { sameOriginOnly, securityHeaders } from './http/security';
import { webApp } from './http/web-app';
import { createLoginLimiter } from './modules/auth/login-limiter';
import { createWindowCounter } from '../../lib/window-counter';
import { createAuthService } from './modules/auth/auth.service';
import { loadSession, requirePasswordChanged, type AppState } from './modules/auth/session.middleware';
import { auditRefusedReads, auditWrites } from './modules/audit/audit.middleware';
import { auditRoutes, routeLabels } from './modules/audit/audit.routes';
import { createHealthService } from './modules/health/health.service';
import { healthRoutes } from './modules/health/health.routes';
import { openApiDocument, type RouteSpec } from './http/openapi';
import { mountRoutes, type Route } from './http/define-route';
import { authRoutes } from './modules/auth/auth.routes';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { createEventsService } from '../../loops/event-handling/api/events.service';
import { eventsRoutes } from '../../loops/event-handling/api/events.routes';
import { createInboxService } from './modules/inbox/inbox.service';
import { inboxRoutes } from './modules/inbox/inbox.routes';
import { orgsRoutes } from './modules/orgs/orgs.routes';
import { createProcessesService } from './modules/processes/processes.service';
import { progressRoutes } from './modules/progress/progress.routes';
import { createProgressStore } from '../../lib/progress';
import { processesRoutes } from './modules/processes/processes.routes';
import { genericProcessRoutes } from './modules/processes/generic-process.routes';
import { createGenericProcessService } from './modules/processes/generic-process.service';
import { createNotificationsService } from './modules/notifications/notifications.service';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { bullBoard } from './modules/queues/bull-board';
import { cockpitProxy } from './modules/cockpit/cockpit-proxy';
import { createSupervisionService } from './modules/supervision/supervision.service';
import { supervisionRoutes } from './modules/supervision/supervision.routes';
import { createAssessmentService } from '../../loops/assessment/api/assessment.service';
import { assessmentRoutes } from '../../loops/assessment/api/assessment.routes';
import { createMapService } from './modules/map/map.service';
import { mapRoutes, tileOrigins } from './modules/map/map.routes';
import { createScreenService } from './modules/screen/screen.service';
import { screenRoutes } from './modules/screen/screen.routes';
import { adminDeps, adminRoutes, importBodyParser } from './modules/admin/admin.routes';
import { createDisputesService } from '../../loops/dispute-mediation/api/disputes.service';
import { disputesRoutes } from '../../loops/dispute-mediation/api/disputes.routes';
import { petitionsRoutes } from '../../loops/petition/api/petitions.routes';
import { opinionRoutes } from './modules/opinion/opinion.routes';
import { jointInspectionsRoutes } from '../../loops/joint-inspection/api/joint-inspections.routes';
import { createJointInspectionsService } from '../../loops/joint-inspection/api/joint-inspections.service';
import { createOpinionService } from './modules/opinion/opinion.service';
import { createPetitionsService } from '../../loops/petition/api/petitions.service';
import { createAttachmentStore } from '../../lib/attachments/attachment-store';
import { createAttachmentsService } from './modules/attachments/attachments.service';
import { attachmentsRoutes } from './modules/attachments/attachments.routes';
import { auditedExport } from './modules/exports/audited-export';
import { exportsRoutes } from './modules/exports/exports.routes';
import { createFieldCrypto } from '../../lib/field-crypto';
import { createAuditLog } from './modules/audit/audit.service';
import { createPatientsService } from '../../loops/patient-care/api/patients.service';
import { createPatientTargetsService } from '../../loops/patient-care/api/patient-targets.service';
import { patientsRoutes } from '../../loops/patient-care/api/patients.routes';
import { DEVELOPMENT_FIELD_KEY } from '../../lib/config';
import { defaultAddressScheme } from '../../lib/address-code';
import { createBaseDataService } from '../../loops/base-data/api/base-data.service';
import { baseDataRoutes } from '../../loops/base-data/api/base-data.routes';
import { samplingOptions } from '../../lib/field-work-config';
import { samplingRoutes } from '../../loops/satisfaction-sampling/api/sampling.routes';
import { createSamplingService } from '../../loops/satisfaction-sampling/api/sampling.service';
import { warningsRoutes } from '../../loops/early-warning/api/warnings.routes';
import { createWarningsService } from '../../loops/early-warning/api/warnings.service';
import { patrolsRoutes } from '../../loops/patrol/api/patrols.routes';
import { createPatrolsService } from '../../loops/patrol/api/patrols.service';

/** Every route the API serves under /api, one definition each (the OpenAPI document, the authorisation matrix). */
export const routeSpecs: RouteSpec[] = [
  ...healthRoutes.map((r) => r.spec),
  ...authRoutes.map((r) => r.spec),
  ...inboxRoutes.map((r) => r.spec),
  ...eventsRoutes.map((r) => r.spec),
  ...calendarRoutes.map((r) => r.spec),
  ...orgsRoutes.map((r) => r.spec),
  ...processesRoutes.map((r) => r.spec),
  ...progressRoutes.map((r) => r.spec),
  ...genericProcessRoutes.map((r) => r.spec),
  ...supervisionRoutes.map((r) => r.spec),
  ...notificationsRoutes.map((r) => r.spec),
  ...assessmentRoutes.map((r) => r.spec),
  ...mapRoutes.map((r) => r.spec),
  ...screenRoutes.map((r) => r.spec),
  ...adminRoutes.map((r) => r.spec),
  ...disputesRoutes.map((r) => r.spec),
  ...petitionsRoutes.map((r) => r.spec),
  ...attachmentsRoutes.map((r) => r.spec),
  ...exportsRoutes.map((r) => r.spec),
  ...auditRoutes.map((r) => r.spec),
  ...patientsRoutes.map((r) => r.spec),
  ...baseDataRoutes.map((r) => r.spec),
  ...opinionRoutes.map((r) => r.spec),
  ...jointInspectionsRoutes.map((r) => r.spec),
  ...samplingRoutes.map((r) => r.spec),
  ...warningsRoutes.map((r) => r.spec),
  ...patrolsRoutes.map((r) => r.spec),
];

export interface AppDeps {
  prisma: Db;
  engine: ProcessEngine;
  redis: Redis;
  /** BullMQ queues: the API enqueues notices; the workers deployable processes them. */
  queues: Queues;
  config: ApiConfig;
  log: Logger;
  /** Where the engine's task feed stands for a task (the API moves assignees past it). */
  feed: FeedPosition;
}

/** The HTTP API, wired by hand from its dependencies. */
export function createApp({ prisma, engine, redis, queues, config, log, feed }: AppDeps) {
  const app = new Koa<AppState>();
  // Errors after the answer began (a stream that failed midway, a client that hung up during a
  // download) reach Koa's default handler, which prints them to stderr: log them like the rest.
  app.on('error', (err: NodeJS.ErrnoException) =>
    err.code === 'ERR_STREAM_PREMATURE_CLOSE'
      ? log.info({ err: err.message }, 'client closed the answer early')
      : log.error({ err }, 'error after the answer began'),
  );
  app.proxy = config.COOKIE_SECURE;
  // Behind the proxy the client's address is the last X-Forwarded-For entry, the one our nginx
  // appended; entries before it are whatever the client sent.
  app.maxIpsCount = 1;
  const auth = createAuthService(prisma, config.SESSION_TTL_HOURS);
  const health = createHealthService({
    db: prisma,
    redis,
    engine,
    timeoutMs: config.HEALTH_TIMEOUT_MS,
  });

  const limiter = createLoginLimiter(
    redis,
    {
      perAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      perAccountAddress: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS,
      perAddress: config.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowMs: config.LOGIN_WINDOW_MINUTES * 60_000,
      slowDownMs: config.LOGIN_SLOW_DOWN_MS,
    },
    log,
  );

  app.use(securityHeaders({ hsts: config.COOKIE_SECURE, tileOrigins: tileOrigins(config.MAP_TILE_URLS) }));
  app.use(errorHandler((err) => log.error({ err }, 'unexpected error')));
  app.use(loadSession(auth));
  // Before the origin and media-type checks, so the writes they refuse are audited too.
  app.use(auditWrites(prisma, log));
  app.use(auditRefusedReads(prisma, log));
  app.use(requirePasswordChanged());
  app.use(sameOriginOnly(config.ALLOWED_ORIGINS));
  app.use(requireJson);
  // Before the body parser: the proxy streams request bodies to the engine untouched.
  app.use(cockpitProxy(config.ENGINE_WEBAPP_URL ?? new URL(config.ENGINE_REST_URL).origin));
  app.use(importBodyParser());
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '1mb' }));
  app.use(bullBoard(queues));
  const map = createMapService(prisma);
  const events = createEventsService(prisma, engine, { reopenWindowHours: config.EVENT_REOPEN_WINDOW_HOURS });
  const supervision = createSupervisionService(prisma, engine, queues);
  const assessment = createAssessmentService(prisma, engine, {
    redMin: config.RANKING_RED_MIN,
    blackBelow: config.RANKING_BLACK_BELOW,
  });
  const attachments = createAttachmentsService(prisma, createAttachmentStore(config), events, {
    imageBytes: config.ATTACHMENT_MAX_IMAGE_BYTES,
    videoBytes: config.ATTACHMENT_MAX_VIDEO_BYTES,
  });
  const inbox = createInboxService(prisma, engine, feed);
  const fieldCrypto = createFieldCrypto(
    config.FIELD_ENCRYPTION_KEY ?? DEVELOPMENT_FIELD_KEY,
    config.FIELD_CIPHER,
  );
  const progress = createProgressStore(redis);
  const mount = <D>(routes: Route<D>[], deps: D) =>
    mountRoutes(routes, deps, { checkAnswers: config.API_CHECK_ANSWERS });
  for (const router of [
    mount(healthRoutes, health),
    mount(calendarRoutes, prisma),
    mount(authRoutes, { auth, limiter, db: prisma, cookie: { secure: config.COOKIE_SECURE } }),
    mount(inboxRoutes, inbox),
    mount(orgsRoutes, prisma),
    mount(eventsRoutes, { events, exported: auditedExport(createAuditLog(prisma), log) }),
    mount(attachmentsRoutes, attachments),
    mount(exportsRoutes, { events, supervision, assessment, audit: createAuditLog(prisma), log }),
    mount(processesRoutes, createProcessesService(prisma, engine, progress)),
    mount(progressRoutes, progress),
    mount(genericProcessRoutes, createGenericProcessService(prisma, engine)),
    mount(supervisionRoutes, supervision),
    mount(notificationsRoutes, createNotificationsService(prisma)),
    mount(assessmentRoutes, assessment),
    mount(mapRoutes, {
      map,
      baseMap: {
        tiles: config.MAP_TILE_URLS.map((url) =>
          url.replaceAll('{key}', encodeURIComponent(config.MAP_TILE_KEY)),
        ),
        crs: config.MAP_TILE_CRS,
      },
    }),
    mount(screenRoutes, createScreenService(prisma, map)),
    mount(adminRoutes, adminDeps({ db: prisma, auth, limiter, queues, config })),
    mount(disputesRoutes, createDisputesService(prisma, engine, queues)),
    mount(petitionsRoutes, createPetitionsService(prisma, engine, inbox)),
    mount(
      opinionRoutes,
      createOpinionService(prisma, events, { allowLoopback: config.OPINION_FEED_ALLOW_LOOPBACK }),
    ),
    mount(jointInspectionsRoutes, { db: prisma, inspections: createJointInspectionsService(prisma, engine) }),
    mount(auditRoutes, {
      db: prisma,
      labels: routeLabels(routeSpecs),
      audit: createAuditLog(prisma),
      log,
    }),
    mount(patientsRoutes, {
      patients: createPatientsService({
        db: prisma,
        engine,
        crypto: fieldCrypto,
        audit: createAuditLog(prisma),
        inbox,
        emergencyRecordWindow: config.PATIENT_EMERGENCY_RECORD_WINDOW,
      }),
      targets: createPatientTargetsService(prisma, queues),
    }),
    mount(
      baseDataRoutes,
      createBaseDataService({
        db: prisma,
        engine,
        crypto: fieldCrypto,
        audit: createAuditLog(prisma),
        scheme: defaultAddressScheme(config.ADDRESS_DIVISION_PREFIX),
        progress,
        exported: auditedExport(createAuditLog(prisma), log),
        declareCounter: createWindowCounter(redis, log, 'self-declaration limit'),
        declareLimit: {
          max: config.BASE_DECLARE_MAX_PER_ADDRESS,
          windowSeconds: config.BASE_DECLARE_WINDOW_MINUTES * 60,
        },
      }),
    ),
    mount(samplingRoutes, createSamplingService(prisma, engine, samplingOptions(config))),
    mount(warningsRoutes, createWarningsService(prisma, engine)),
    mount(
      patrolsRoutes,
      createPatrolsService(prisma, { checkInDistanceM: config.PATROL_CHECKIN_DISTANCE_M }),
    ),
  ]) {
    app.use(router.routes()).use(router.allowedMethods());
  }
  // Public like the health check: it describes the API, it holds no data.
  const openApi = openApiDocument(routeSpecs);
  app.use(async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === '/api/openapi.json') ctx.body = openApi;
    else await next();
  });
  if (existsSync(config.WEB_DIR)) app.use(webApp(config.WEB_DIR));
  return app;
}
