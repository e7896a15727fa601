/**
 * The project's `.bpmnlintrc` for bpmn-js-bpmnlint in the browser. The browser has no module
 * resolver, so the rules and configs `.bpmnlintrc` names are bundled here and looked up by a
 * static resolver: bpmnlint's own, camunda-compat's Camunda 7 (camunda-platform) rules and our
 * plugin in lint/bpmnlint-plugin-zhizhi, whose topic rule carries the generated topics.json.
 * The config itself is the repository's file, read at build time, so the live lint and
 * `npm run lint:bpmn` (and the API's check before deploying) apply the same rules.
 */
import bpmnlintrc from '../../../.bpmnlintrc?raw';
import recommended from 'bpmnlint/config/recommended';
import camundaCompat from 'bpmnlint-plugin-camunda-compat';
import zhizhi from '../../../lint/bpmnlint-plugin-zhizhi/index.js';

type RuleFactory = (...args: unknown[]) => unknown;

const byName = (modules: Record<string, RuleFactory>) =>
  Object.fromEntries(
    Object.entries(modules).map(([file, rule]) => [
      file.replace(/(\/index)?\.js$/, '').replace(/^.*\//, ''),
      rule,
    ]),
  );

const bpmnlintRules = byName(
  import.meta.glob<RuleFactory>('../../../node_modules/bpmnlint/rules/*.js', {
    eager: true,
    import: 'default',
  }),
);
const compatRules = byName(
  import.meta.glob<RuleFactory>(
    '../../../node_modules/bpmnlint-plugin-camunda-compat/rules/camunda-platform/*.js',
    {
      eager: true,
      import: 'default',
    },
  ),
);
const zhizhiRules = byName(
  import.meta.glob<RuleFactory>('../../../lint/bpmnlint-plugin-zhizhi/rules/*.js', {
    eager: true,
    import: 'default',
  }),
);

const rules: Record<string, Record<string, RuleFactory>> = {
  bpmnlint: bpmnlintRules,
  'bpmnlint-plugin-camunda-compat': compatRules,
  'bpmnlint-plugin-zhizhi': zhizhiRules,
};
const configs: Record<string, Record<string, object>> = {
  bpmnlint: { recommended },
  'bpmnlint-plugin-camunda-compat': camundaCompat.configs,
  'bpmnlint-plugin-zhizhi': zhizhi.configs,
};

const { extends: extendsConfigs, rules: ruleOverrides } = JSON.parse(bpmnlintrc) as {
  extends: string[];
  rules?: Record<string, string>;
};

export const bpmnlintConfig = {
  config: { extends: extendsConfigs, rules: ruleOverrides ?? {} },
  resolver: {
    resolveRule(pkg: string, name: string) {
      const rule = rules[pkg]?.[name];
      if (!rule) throw new Error(`unknown rule <${pkg}/${name}>`);
      return rule;
    },
    resolveConfig(pkg: string, name: string) {
      const config = configs[pkg]?.[name];
      if (!config) throw new Error(`unknown config <${pkg}/${name}>`);
      return config;
    },
  },
};
