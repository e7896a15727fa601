import { z } from 'zod';
import { instant, paged } from '../../../api/src/http/answers';

/** What the address-base routes answer (define-route.ts); identity fields masked where the service masks them. */

export const submittedAnswer = z.object({
  status: z.enum(['APPLIED', 'PROPOSED']),
  changeId: z.string(),
  id: z.string().nullable(),
});

export const buildingRow = z.object({
  id: z.string(),
  code: z.string(),
  orgId: z.string(),
  gridId: z.string().nullable(),
  address: z.string(),
  name: z.string(),
  road: z.string().nullable(),
  doorNo: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  floors: z.number().nullable(),
  gridConfirmed: z.boolean(),
  retiredAt: instant.nullable(),
});

export const residentRow = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.string().nullable(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  kind: z.enum(['HOUSEHOLD', 'FLOATING', 'FOREIGN']),
  tags: z.array(z.string()),
  roomId: z.string(),
  buildingId: z.string(),
  movedOutAt: instant.nullable(),
});

export const businessRow = z.object({
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  legalRep: z.string().nullable(),
  kind: z.string().nullable(),
  buildingId: z.string().nullable(),
  roomId: z.string().nullable(),
});

export const historyRow = z.object({
  id: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  source: z.enum(['GRID', 'STAFF', 'IMPORT', 'SELF_DECLARED']),
  status: z.enum(['PROPOSED', 'APPROVED', 'REJECTED', 'APPLIED']),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  reviewNote: z.string().nullable(),
  reviewedAt: instant.nullable(),
  createdAt: instant,
});

/** A room as its door plate reads: code, 单元, 层, 房号. */
const roomPlate = z.object({
  id: z.string(),
  code: z.string(),
  unitNo: z.string().nullable(),
  floor: z.number().nullable(),
  roomNo: z.string(),
});

export const searchAnswer = z.object({
  buildings: z.array(buildingRow),
  residents: z.array(residentRow),
  businesses: z.array(
    z.object({ id: z.string(), name: z.string(), uscc: z.string(), buildingId: z.string().nullable() }),
  ),
});

export const buildingPageAnswer = buildingRow.extend({
  communityName: z.string(),
  gridName: z.string().nullable(),
  rooms: z.array(
    roomPlate.extend({
      use: z.enum(['RESIDENTIAL', 'RENTAL', 'COMMERCIAL', 'VACANT', 'OTHER']),
      ownerName: z.string().nullable(),
      tenantName: z.string().nullable(),
      residents: z.array(residentRow),
    }),
  ),
  businesses: z.array(businessRow.omit({ buildingId: true })),
  events: z.array(
    z.object({
      id: z.string(),
      caseNo: z.string(),
      category: z.string(),
      status: z.string(),
      address: z.string(),
      roomId: z.string().nullable(),
      createdAt: instant,
    }),
  ),
  /** Key persons' files of the building the caller reads (names only, as in their list). */
  persons: z.array(
    z.object({ id: z.string(), name: z.string(), typeCode: z.string(), riskLevel: z.number() }),
  ),
  disputes: z.array(
    z.object({
      id: z.string(),
      caseNo: z.string(),
      summary: z.string(),
      stage: z.string(),
      createdAt: instant,
    }),
  ),
  /** Petitions about the building the caller reads (no petitioner's identity). */
  petitions: z.array(
    z.object({
      id: z.string(),
      caseNo: z.string(),
      matter: z.string(),
      status: z.string(),
      roomId: z.string().nullable(),
      createdAt: instant,
    }),
  ),
  history: z.array(historyRow),
  mayChange: z.boolean(),
  mayPropose: z.boolean(),
  /** Whether the caller may export the building's residents (GET /api/base/export/residents). */
  mayExport: z.boolean(),
});

export const byCodeAnswer = z.object({ id: z.string(), code: z.string(), roomId: z.string().nullable() });

export const residentAnswer = residentRow.extend({
  roomNo: z.string(),
  roomCode: z.string(),
  address: z.string(),
  movedInAt: instant.nullable(),
  history: z.array(historyRow),
});

export const residentsAnswer = paged(residentRow);
export const businessesAnswer = paged(businessRow);
export const changesAnswer = paged(historyRow);

export const importAnswer = z.object({
  dryRun: z.boolean(),
  buildings: z.number().int(),
  rooms: z.number().int(),
  residents: z.number().int(),
  businesses: z.number().int(),
  buildingIds: z.array(z.string()),
});

export const publicBuildingAnswer = z.object({
  code: z.string(),
  address: z.string(),
  name: z.string(),
  rooms: z.array(roomPlate),
});

export const buildingLayerAnswer = z.object({
  /** More buildings than the map shows at once: the busiest are shown; a narrower box shows the rest. */
  truncated: z.boolean(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      address: z.string(),
      code: z.string(),
      lng: z.number(),
      lat: z.number(),
      events: z.number(),
      open: z.number(),
    }),
  ),
});
