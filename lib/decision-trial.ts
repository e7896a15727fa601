/**
 * 试算 of a decision table: a draft evaluated on every input the deployed decision was evaluated on
 * in a period, and what it would have decided instead. The evaluation is the engine's own DMN/FEEL:
 * the draft is deployed under ids of its own (`trial-<tag>-…`, so no deployed decision gains a
 * version), each distinct recorded input is evaluated once through the engine's decision
 * evaluation, the rules it hit are read from the engine's history of those evaluations, and the
 * deployment is removed with its history afterwards.
 *
 * The recorded evaluations keep each input's value by its input clause; the variables they came
 * from are recovered from the deployed version's input expressions when an expression is a
 * variable's name (as every input of Zhizhi's tables is). An evaluation with an input of another
 * expression cannot be replayed and is counted apart.
 */
import { randomUUID } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { EngineError, type ProcessEngine, type Variables } from './engine/process-engine';
import { engineDate } from './engine/variables';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  isArray: (name) => ['decision', 'input', 'output', 'rule'].includes(name),
});

const textOf = (node: unknown): string =>
  typeof node === 'string' || typeof node === 'number'
    ? String(node)
    : node && typeof node === 'object' && '#text' in node
      ? String((node as { '#text': unknown })['#text'])
      : '';

export interface DecisionTable {
  name: string;
  inputs: { id: string; expression: string; label: string }[];
  outputs: { name: string; label: string }[];
  rules: { id: string; description: string }[];
}

type Node = Record<string, unknown>;

/** The definitions' id, its decisions' ids, and one decision's table; null where it has none. */
export function readDecisions(xml: string) {
  // Malformed XML reads as no decisions: the caller answers 400 naming the draft.
  let definitions: Node | undefined;
  try {
    definitions = (parser.parse(xml) as { definitions?: Node }).definitions;
  } catch {
    definitions = undefined;
  }
  const decisions = ((definitions?.decision as Node[] | undefined) ?? []).filter(
    (d) => typeof d.id === 'string',
  );
  return {
    definitionsId: typeof definitions?.id === 'string' ? definitions.id : null,
    decisionIds: decisions.map((d) => d.id as string),
    table(decisionId: string): DecisionTable | null {
      const decision = decisions.find((d) => d.id === decisionId);
      const table = decision?.decisionTable as Node | undefined;
      if (!table) return null;
      return {
        name: String(decision!.name ?? decisionId),
        inputs: ((table.input as Node[] | undefined) ?? []).map((i) => ({
          id: String(i.id),
          expression: textOf((i.inputExpression as Node | undefined)?.text).trim(),
          label: String(i.label ?? i.id),
        })),
        outputs: ((table.output as Node[] | undefined) ?? []).map((o) => ({
          name: String(o.name ?? o.id),
          label: String(o.label ?? o.name ?? o.id),
        })),
        rules: ((table.rule as Node[] | undefined) ?? []).map((r) => ({
          id: String(r.id),
          description: textOf(r.description),
        })),
      };
    },
  };
}

/** The draft under ids of its own: the definitions and every decision, with what refers to them. */
export function trialCopy(xml: string, ids: string[], tag: string) {
  let copy = xml;
  for (const id of ids)
    for (const attr of ['id', 'href', 'dmnElementRef'])
      copy = copy.replaceAll(
        `${attr}="${attr === 'href' ? '#' : ''}${id}"`,
        `${attr}="${attr === 'href' ? '#' : ''}${tag}-${id}"`,
      );
  return copy;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PAGE = 2000;

export interface RecordedEvaluation {
  processInstanceId: string | null;
  evaluatedAt: string;
  variables: Variables | null;
  outputs: string;
  rules: string[];
}

/** Outputs as one comparable value: the output names and values, sorted; `—` when no rule matched. */
const outputsKey = (outputs: { variableName?: string | null; value?: unknown }[]) =>
  outputs.length
    ? JSON.stringify(
        outputs
          .map((o) => [o.variableName ?? '', o.value ?? null] as const)
          .sort(([a], [b]) => a.localeCompare(b)),
      )
    : '—';

/** What a recorded or a trial output reads as: `handler = "dept:police"`, several joined. */
export const outputsText = (key: string) =>
  key === '—'
    ? key
    : (JSON.parse(key) as [string, unknown][])
        .map(([name, value]) => `${name} = ${JSON.stringify(value)}`)
        .join(', ');

/** Every evaluation of `decisionId` recorded in the period, with the variables it was asked with. */
export async function recordedEvaluations(
  engine: ProcessEngine,
  decisionId: string,
  from: Date,
  to: Date,
  progress?: (read: number) => void,
): Promise<RecordedEvaluation[]> {
  const inputsOf = new Map<string, Map<string, string> | null>();
  const recorded: RecordedEvaluation[] = [];
  for (let first = 0; ; first += PAGE) {
    const page = await engine.decisionHistory({
      decisionDefinitionKey: decisionId,
      evaluatedAfter: engineDate(from),
      evaluatedBefore: engineDate(to),
      includeInputs: true,
      includeOutputs: true,
      disableBinaryFetching: true,
      disableCustomObjectDeserialization: true,
      sortBy: 'evaluationTime',
      sortOrder: 'asc',
      firstResult: first,
      maxResults: PAGE,
    });
    for (const e of page) {
      const definitionId = e.decisionDefinitionId ?? '';
      if (!inputsOf.has(definitionId)) {
        // The deployed version's inputs: clause id → the variable its expression names.
        const table = readDecisions(await engine.decisionXml(definitionId)).table(decisionId);
        inputsOf.set(
          definitionId,
          table &&
            new Map(
              table.inputs.flatMap((i) => (IDENTIFIER.test(i.expression) ? [[i.id, i.expression]] : [])),
            ),
        );
      }
      const names = inputsOf.get(definitionId);
      const inputs = e.inputs ?? [];
      const replayable = !!names && inputs.every((i) => names.has(i.clauseId ?? ''));
      recorded.push({
        processInstanceId: e.processInstanceId ?? null,
        evaluatedAt: e.evaluationTime ?? '',
        variables: replayable
          ? Object.fromEntries(inputs.map((i) => [names!.get(i.clauseId!)!, (i.value ?? null) as never]))
          : null,
        outputs: outputsKey(e.outputs ?? []),
        rules: [...new Set((e.outputs ?? []).flatMap((o) => (o.ruleId ? [o.ruleId] : [])))],
      });
    }
    progress?.(recorded.length);
    if (page.length < PAGE) return recorded;
  }
}

/**
 * Evaluates the draft on each distinct set of variables once, by the engine: the outputs by set
 * (or why the engine could not evaluate it, e.g. an input the draft reads that was not recorded),
 * and the rules hit, read from the engine's history of those evaluations. The trial deployment is
 * removed afterwards, with that history.
 */
export async function evaluateDraft(
  engine: ProcessEngine,
  xml: string,
  decisionId: string,
  inputs: Variables[],
  progress?: (evaluated: number) => void,
) {
  return withDraftDeployed(engine, xml, async (keyOf, tag) => {
    const key = keyOf(decisionId);
    const results = new Map<string, { outputs: string } | { error: string }>();
    for (const [i, variables] of inputs.entries()) {
      try {
        const matched = (await engine.evaluateDecision(key, variables)) as Record<
          string,
          { value?: unknown }
        >[];
        results.set(variablesKey(variables), {
          outputs: outputsKey(
            matched.flatMap((m) =>
              Object.entries(m).map(([variableName, v]) => ({ variableName, value: v.value })),
            ),
          ),
        });
      } catch (err) {
        // The engine answered: the draft fails on this input (its FEEL, an input it reads that was not recorded).
        if (!(err instanceof EngineError)) throw err;
        results.set(variablesKey(variables), { error: err.message.slice(0, 300) });
      }
      if (i % 50 === 49 || i === inputs.length - 1) progress?.(i + 1);
    }
    const hit = new Set<string>();
    for (let first = 0; ; first += PAGE) {
      const page = await engine.decisionHistory({
        decisionDefinitionKey: key,
        includeOutputs: true,
        disableBinaryFetching: true,
        disableCustomObjectDeserialization: true,
        firstResult: first,
        maxResults: PAGE,
      });
      for (const e of page)
        for (const o of e.outputs ?? []) if (o.ruleId) hit.add(o.ruleId.replace(`${tag}-`, ''));
      if (page.length < PAGE) break;
    }
    return { results, hit };
  });
}

/**
 * Runs `work` with the draft deployed under ids of its own (`keyOf(decisionId)` is the key to
 * evaluate), and removes the deployment with its history afterwards, whatever `work` did.
 */
export async function withDraftDeployed<T>(
  engine: ProcessEngine,
  xml: string,
  work: (keyOf: (decisionId: string) => string, tag: string) => Promise<T>,
): Promise<T> {
  const { definitionsId, decisionIds } = readDecisions(xml);
  const tag = `trial-${randomUUID().slice(0, 8)}`;
  const ids = [definitionsId ?? '', ...decisionIds].filter(Boolean);
  const deployment = await engine.deploy(
    tag,
    [{ name: `${tag}.dmn`, content: trialCopy(xml, ids, tag) }],
    'zhizhi-trial',
  );
  try {
    return await work((decisionId) => `${tag}-${decisionId}`, tag);
  } finally {
    if (deployment.id) await engine.deleteDeployment(deployment.id).catch(() => undefined);
  }
}

/** One set of variables as a key: names sorted. */
export const variablesKey = (variables: Variables) =>
  JSON.stringify(Object.entries(variables).sort(([a], [b]) => a.localeCompare(b)));
