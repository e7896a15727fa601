/**
 * The weights of each ranked level from the `assessment-weights` decision, evaluated by the
 * engine once per level (per-level results are objects, which engine variables cannot hold without
 * Spin): the deployed table for a run, a draft's for a 试算 (`key` its trial key).
 */
import type { ProcessEngine } from '../../lib/engine/process-engine';
import { fromEngineVariables } from '../../lib/engine/variables';
import { LEVELS, type Level, type Weights } from './scoring';

const WEIGHT_NAMES: (keyof Weights)[] = [
  'responseWeight',
  'onTimeWeight',
  'satisfactionWeight',
  'reworkWeight',
  'yellowCardDeduction',
  'redCardDeduction',
  'mediationWeight',
  'preventionWeight',
  'petitionAcceptWeight',
  'petitionOnTimeWeight',
  'petitionSatisfactionWeight',
  'petitionRepeatWeight',
  'separationOverrideDeduction',
  'patrolWeight',
  'claimWorkingDays',
];

/** The decision's row per level, or the name of what is missing. */
export async function weightsPerLevel(
  engine: Pick<ProcessEngine, 'evaluateDecision'>,
  key = 'assessment-weights',
): Promise<Record<Level, Weights> | string> {
  const result = {} as Record<Level, Weights>;
  for (const level of LEVELS) {
    const [row] = await engine.evaluateDecision(key, { level });
    const w = row ? fromEngineVariables(row as Record<string, { value?: unknown }>) : undefined;
    const bad = WEIGHT_NAMES.find((name) => typeof w?.[name] !== 'number' || (w[name] as number) < 0);
    if (!w || bad) return `assessment-weights gave no valid ${bad ?? 'row'} for ${level}`;
    result[level] = w as unknown as Weights;
  }
  return result;
}
