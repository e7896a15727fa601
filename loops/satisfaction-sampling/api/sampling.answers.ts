import { z } from 'zod';
import { instant, listOf } from '../../../api/src/http/answers';

/** satisfied | basic | dissatisfied, as the call's form records it; null until called. */
const result = z.string().nullable();

export const sampledCaseAnswer = z.object({
  id: z.string(),
  eventId: z.string(),
  caseNo: z.string(),
  unitId: z.string(),
  categoryCode: z.string(),
  handlerSatisfaction: z.string().nullable(),
  result,
  reason: z.string().nullable(),
  calledAt: instant.nullable(),
  reopened: z.boolean(),
  reopenRefused: z.string().nullable(),
});

const drawFields = {
  id: z.string(),
  periodKey: z.string(),
  seed: z.string(),
  share: z.number(),
  minPerUnit: z.number().int(),
  surveyUnitId: z.string(),
  createdAt: instant,
};

export const drawAnswer = z.object({ ...drawFields, cases: z.array(sampledCaseAnswer) });
export const drawsAnswer = listOf(z.object(drawFields));

export const previewAnswer = z.object({
  period: z.string(),
  seed: z.string(),
  archived: z.number().int(),
  cases: z.array(
    z.object({ eventId: z.string(), caseNo: z.string(), unitId: z.string(), categoryCode: z.string() }),
  ),
});

export const replayAnswer = z.object({
  id: z.string(),
  seed: z.string(),
  same: z.boolean(),
  missing: z.array(z.string()),
  extra: z.array(z.string()),
});

export const satisfactionAnswer = z.object({
  period: z.string(),
  items: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      sampled: z.number().int(),
      answered: z.number().int(),
      satisfied: z.number().int(),
      basic: z.number().int(),
      dissatisfied: z.number().int(),
      reopened: z.number().int(),
      /** 群众满意率 of the survey (满意 + 基本满意 of those answered), percent; null with none answered. */
      surveyRate: z.number().nullable(),
      /** The handler's own 回访 of the same cases, for comparison. */
      handlerRate: z.number().nullable(),
    }),
  ),
});
