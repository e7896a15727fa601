/**
 * What a closed loop declares once, in its manifest (`loops/<loop>/loop.ts`): which process runs
 * it, the case it works on, the variables that identify, route and time a case (never taken from
 * a completion), its statutory clocks and the deadline fields its steps carry. The form contract,
 * the API's case clocks, the workers' due dates, the notices and the web's clock labels read the
 * manifest; nothing else repeats what it says.
 *
 * Pure data and pure functions: the web app imports manifests too.
 */
import type { Role } from '@prisma/client';
import type { StatutoryDeadline, WorkingCalendar } from './calendar';

/**
 * A clock fixed by statute, counted as the law counts days (日): the start day not counted, a last
 * day on a holiday rolls over to the next working day (民法典 Art. 201, 203). Limits counted in
 * working days are data (the SLA table), not manifest clocks.
 */
export interface Clock {
  days: number;
  counting: 'statutory';
}

export interface LoopManifest {
  /** The loop's name in code and in its folder. */
  key: string;
  /** The id of its BPMN process (processes/<processId>.bpmn). */
  processId: string;
  name: { 'zh-CN': string; en: string };
  /** The variable that names the loop's case in its instances. */
  caseVariable: string;
  /**
   * Variables that identify a case, route it or time it, set at intake or by workers: no
   * completion may set them, whatever a form says (api/src/modules/inbox/form-contract.ts).
   */
  protectedVariables: readonly string[];
  /**
   * Clocks whose length a statute fixes. Limits a designer tunes per unit or category live in data
   * instead (the events' SLA table, the mediation decision tables), and the manifest says where.
   */
  clocks: Record<string, Clock>;
  /** Other statutory numbers: maxima a request is checked against. */
  limits?: Record<string, number>;
  /**
   * The loop's papers: `numberPattern` is how their numbers (文号) are written, `{prefix}` the
   * issuing unit's 发文机关代字 (its name when it has none), `{year}`, `{seq}` its next number of the year.
   */
  papers?: { numberPattern: string };
  /**
   * Four eyes (lib/separation.ts): for a step, the earlier steps of the same case whose performer
   * may not do it, and `reporter` for whoever reported the case. The API refuses them; a diagram
   * may route the step to a unit where someone else can do it (the events' 选定核查单位), and
   * the inbox feed offers a step whose unit has nobody else to the nearest unit above that has.
   */
  separation?: Record<string, readonly SeparatedFrom[]>;
  /**
   * 准予例外: who may allow a barred person to do a step anyway, with a reason, on one task: the
   * roles, within the part of the tree they supervise. Audited, put on the case's timeline and
   * counted against the step's unit in 考评 when used. A loop without it offers no exception.
   */
  separationOverride?: { roles: readonly Role[] };
}

/**
 * What bars a person from a step (lib/separation.ts): `reporter`, an earlier step whose last
 * completion was theirs, or `{ held }`: whoever held that step when it last ended, however it ended
 * (调解 ends by the agreement's message, not by a completion, and its holder mediated the case).
 */
export type SeparatedFrom = string | { held: string };

/** Declares a loop: the manifest as written, its literal keys kept for the callers' types. */
export const defineLoop = <const M extends LoopManifest>(manifest: M): M => manifest;

/** When a clock started at `start` runs out. */
export const clockDue = (clock: Clock, calendar: WorkingCalendar, start: Date): StatutoryDeadline =>
  calendar.addStatutoryDays(start, clock.days);
