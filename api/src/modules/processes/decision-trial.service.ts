/**
 * 试算 from the designer: a draft decision table replayed on a period's recorded evaluations
 * (lib/decision-trial.ts), summed up the way a designer decides whether to deploy it — how many
 * decisions change and from what to what, in which units, on which cases, which rules no case
 * reached and which inputs no rule matches — and kept (DecisionTrial) so the deploy dialog can
 * say what the draft was tried on.
 */
import { createHash } from 'node:crypto';
import type { CaseKind, Prisma } from '@prisma/client';
import type { Db } from '../../../../lib/db';
import {
  evaluateDraft,
  outputsText,
  readDecisions,
  recordedEvaluations,
  variablesKey,
} from '../../../../lib/decision-trial';
import type { ProcessEngine, Variables } from '../../../../lib/engine/process-engine';
import { t } from '../../../../lib/i18n';
import type { ProgressStore } from '../../../../lib/progress';
import { fieldError, engineHttpError } from '../../http/errors';
import { EngineError, EngineUnavailableError } from '../../../../lib/engine/process-engine';

export interface TrialInput {
  xml: string;
  decisionId?: string;
  from: Date;
  to: Date;
  /** The caller's id of this request, under which its progress is readable (GET /api/progress/:id). */
  progressId?: string;
}

/** How many changed cases the answer lists (the counts cover them all). */
const LISTED = 200;

const PAGE_OF: Record<CaseKind, string> = {
  EVENT: '/cases/',
  DISPUTE: '/disputes/',
  PETITION: '/petitions/',
  PERSON: '/patients/',
  JOINT_INSPECTION: '/joint-inspections/',
  PROCESS: '/instances/',
  SAMPLE: '/sampling/cases/',
  WARNING: '/warnings/',
};

export const xmlHashOf = (xml: string) => createHash('sha256').update(xml).digest('hex');

export function createDecisionTrials(
  db: Db,
  engine: ProcessEngine,
  draft: {
    checkedDmn: (xml: string) => unknown;
    deployToEngine: <T>(xml: string, deploy: () => Promise<T>) => Promise<T>;
  },
  progress: ProgressStore,
) {
  /** The case behind each instance, and the unit under the district that first handled it. */
  async function casesOf(instanceIds: string[]) {
    const rows = await db.inboxTask.findMany({
      where: { processInstanceId: { in: instanceIds }, caseKind: { not: null } },
      select: { processInstanceId: true, caseKind: true, caseId: true, caseNo: true, orgPath: true },
      orderBy: { createdAt: 'asc' },
    });
    const byInstance = new Map<string, (typeof rows)[number]>();
    for (const r of rows) if (!byInstance.has(r.processInstanceId)) byInstance.set(r.processInstanceId, r);
    const unitIds = [...new Set(rows.flatMap((r) => r.orgPath?.split('/').filter(Boolean)[1] ?? []))];
    const names = new Map(
      (await db.org.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } })).map((o) => [
        o.id,
        o.name,
      ]),
    );
    return { byInstance, names };
  }

  return {
    async run(input: TrialInput, runById: string) {
      draft.checkedDmn(input.xml);
      const decisions = readDecisions(input.xml);
      const decisionId = input.decisionId ?? decisions.decisionIds[0];
      if (!decisionId || !decisions.decisionIds.includes(decisionId))
        throw fieldError(input.decisionId ? 'decisionId' : 'xml', t('error.trialNoDecision'));
      const table = decisions.table(decisionId);
      if (!table) throw fieldError('decisionId', t('error.trialNotATable'));

      const report = progress.reporter(runById, input.progressId);
      report('read', 0);
      const recorded = await recordedEvaluations(engine, decisionId, input.from, input.to, (read) =>
        report('read', read),
      ).catch(
        (err: EngineError | EngineUnavailableError) => {
          throw engineHttpError(err);
        },
      );
      const replayable = recorded.filter((r) => r.variables);
      const distinct = new Map<string, Variables>();
      for (const r of replayable) distinct.set(variablesKey(r.variables!), r.variables!);
      // The draft refused by the engine (its table, its FEEL): the designer's 400, in the engine's words.
      const { results, hit } = await draft.deployToEngine(input.xml, () =>
        evaluateDraft(engine, input.xml, decisionId, [...distinct.values()], (evaluated) =>
          report('evaluate', evaluated, distinct.size),
        ),
      );
      report('summarise', replayable.length, replayable.length);

      const pairs = new Map<string, number>();
      const changedOf: { instanceId: string | null; from: string; to: string }[] = [];
      const failures = new Map<string, number>();
      const unmatched = new Map<string, { variables: Variables; count: number }>();
      for (const r of replayable) {
        const key = variablesKey(r.variables!);
        const result = results.get(key)!;
        if ('error' in result) {
          failures.set(result.error, (failures.get(result.error) ?? 0) + 1);
          continue;
        }
        if (result.outputs === '—')
          unmatched.set(key, { variables: r.variables!, count: (unmatched.get(key)?.count ?? 0) + 1 });
        if (result.outputs === r.outputs) continue;
        const pair = `${r.outputs}\u0000${result.outputs}`;
        pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
        changedOf.push({ instanceId: r.processInstanceId, from: r.outputs, to: result.outputs });
      }

      const { byInstance, names } = await casesOf([
        ...new Set(changedOf.flatMap((c) => (c.instanceId ? [c.instanceId] : []))),
      ]);
      const byUnit = new Map<string, number>();
      for (const c of changedOf) {
        const unit = (c.instanceId && byInstance.get(c.instanceId)?.orgPath?.split('/').filter(Boolean)[1]) || '';
        byUnit.set(unit, (byUnit.get(unit) ?? 0) + 1);
      }
      const summary = {
        decisionId,
        decisionName: table.name,
        from: input.from.toISOString(),
        to: input.to.toISOString(),
        evaluations: recorded.length,
        replayed: replayable.length - [...failures.values()].reduce((a, b) => a + b, 0),
        notReplayable: recorded.length - replayable.length,
        distinctInputs: distinct.size,
        changed: changedOf.length,
        changes: [...pairs]
          .map(([pair, count]) => {
            const [from, to] = pair.split('\u0000');
            return { from: outputsText(from), to: outputsText(to), count };
          })
          .sort((a, b) => b.count - a.count),
        byUnit: [...byUnit]
          .map(([unitId, changed]) => ({ unitId: unitId || null, unitName: names.get(unitId) ?? null, changed }))
          .sort((a, b) => b.changed - a.changed),
        cases: changedOf.slice(0, LISTED).map((c) => {
          const found = c.instanceId ? byInstance.get(c.instanceId) : undefined;
          return {
            caseKind: found?.caseKind ?? null,
            caseNo: found?.caseNo ?? null,
            link: found?.caseKind && found.caseId ? `${PAGE_OF[found.caseKind]}${found.caseId}` : null,
            from: outputsText(c.from),
            to: outputsText(c.to),
          };
        }),
        rulesNeverHit: table.rules.filter((r) => !hit.has(r.id)),
        unmatched: [...unmatched.values()].sort((a, b) => b.count - a.count).slice(0, 20),
        failures: [...failures].map(([message, count]) => ({ message, count })),
      };
      const saved = await db.decisionTrial.create({
        data: {
          decisionId,
          xmlHash: xmlHashOf(input.xml),
          fromAt: input.from,
          toAt: input.to,
          evaluations: summary.evaluations,
          changed: summary.changed,
          summary: summary as unknown as Prisma.InputJsonObject,
          runById,
        },
        select: { id: true, createdAt: true },
      });
      return { id: saved.id, runAt: saved.createdAt, ...summary };
    },

    /** The trials of a decision, newest first, with who ran them; `xml` narrows to the draft's own. */
    async list(decisionId: string, xml?: string) {
      const rows = await db.decisionTrial.findMany({
        where: { decisionId, ...(xml ? { xmlHash: xmlHashOf(xml) } : {}) },
        orderBy: { createdAt: 'desc' },
        take: 20,
        select: {
          id: true,
          fromAt: true,
          toAt: true,
          evaluations: true,
          changed: true,
          createdAt: true,
          xmlHash: true,
          runBy: { select: { displayName: true } },
        },
      });
      return rows.map(({ runBy, ...r }) => ({ ...r, runByName: runBy.displayName }));
    },
  };
}

export type DecisionTrials = ReturnType<typeof createDecisionTrials>;
