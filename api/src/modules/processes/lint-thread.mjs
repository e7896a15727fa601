// Parses and lints one diagram (workerData: the XML) with the project's own `.bpmnlintrc`, the
// rules `npm run lint:bpmn` applies to processes/: bpmnlint's recommended rules, camunda-compat's
// camunda-platform-7-24 and our plugin bpmnlint-plugin-zhizhi, on the camunda moddle extension
// the file names. It runs in a worker thread in plain JavaScript because bpmnlint's dependency
// tree (bpmn-moddle, min-dash, the FEEL parser) is published as ES modules only, which neither
// the CommonJS API build nor Jest can require.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { BpmnModdle } from 'bpmn-moddle';
import bpmnlint from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const config = JSON.parse(readFileSync(path.join(root, '.bpmnlintrc'), 'utf8'));
const extensions = Object.fromEntries(
  Object.entries(config.moddleExtensions ?? {}).map(([prefix, file]) => [prefix, require(file)]),
);

async function check(xml) {
  let rootElement;
  try {
    ({ rootElement } = await new BpmnModdle(extensions).fromXML(xml));
  } catch (err) {
    return { ok: false, parseError: err instanceof Error ? err.message : String(err) };
  }
  const linter = new bpmnlint.Linter({ config, resolver: new NodeResolver({ require }) });
  const reports = await linter.lint(rootElement);
  const issues = Object.entries(reports).flatMap(([rule, list]) =>
    list.map((r) => ({
      rule,
      elementId: r.id ?? '(diagram)',
      message: r.message,
      // A rule that crashes ('rule-error') could not check the diagram: that blocks it too.
      category: r.category === 'error' || r.category === 'rule-error' ? 'error' : 'warn',
    })),
  );
  return {
    ok: true,
    processIds: (rootElement.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process').map((e) => e.id),
    errors: issues.filter((i) => i.category === 'error'),
    warnings: issues.filter((i) => i.category === 'warn'),
  };
}

check(workerData).then(
  (result) => parentPort.postMessage(result),
  (err) => parentPort.postMessage({ ok: false, parseError: String(err?.message ?? err) }),
);
