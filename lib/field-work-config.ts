import { z } from 'zod';

/**
 * Settings of 民调 sampling, early warnings and patrols (issue 28) that the API and the workers
 * both read: spread into each deployable's config schema.
 */
export const fieldWorkEnv = {
  /** How long after archiving a reporter (or a 民调 call) may reopen (重办) an event, in hours (default 15 days); the workers open
   * cases from warnings with it too. */
  EVENT_REOPEN_WINDOW_HOURS: z.coerce.number().positive().default(360),
  /** Share of each unit's archived events drawn each month for the survey team's calls. */
  SAMPLING_SHARE: z.coerce.number().gt(0).max(1).default(0.05),
  /** The least drawn per unit (all of a unit's cases when it has fewer). */
  SAMPLING_MIN_PER_UNIT: z.coerce.number().int().min(0).default(2),
  /** The unit (id) whose members make the calls; the district's root unit when unset. */
  SAMPLING_SURVEY_UNIT: z.string().min(1).optional(),
  /** How near (metres) a grid member must be to a building to check in there without its QR code. */
  PATROL_CHECKIN_DISTANCE_M: z.coerce.number().positive().max(1000).default(50),
};

export const samplingOptions = (c: {
  SAMPLING_SHARE: number;
  SAMPLING_MIN_PER_UNIT: number;
  SAMPLING_SURVEY_UNIT?: string;
}) => ({
  share: c.SAMPLING_SHARE,
  minPerUnit: c.SAMPLING_MIN_PER_UNIT,
  surveyUnitId: c.SAMPLING_SURVEY_UNIT,
});
