/**
 * The loops this installation runs. A new loop is a folder under loops/ and one line here.
 */
import type { LoopManifest } from '../lib/loop';
import { assessmentLoop } from './assessment/loop';
import { baseDataLoop } from './base-data/loop';
import { disputeMediationLoop } from './dispute-mediation/loop';
import { earlyWarningLoop } from './early-warning/loop';
import { eventHandlingLoop } from './event-handling/loop';
import { patientCareLoop } from './patient-care/loop';
import { petitionLoop } from './petition/loop';
import { jointInspectionLoop } from './joint-inspection/loop';
import { satisfactionSamplingLoop } from './satisfaction-sampling/loop';

export const LOOPS = [
  eventHandlingLoop,
  patientCareLoop,
  disputeMediationLoop,
  petitionLoop,
  assessmentLoop,
  baseDataLoop,
  jointInspectionLoop,
  satisfactionSamplingLoop,
  earlyWarningLoop,
];

/** The loop whose process `processId` is, if any. */
export const loopOfProcess = (processId: string): LoopManifest | undefined =>
  LOOPS.find((l) => l.processId === processId);
