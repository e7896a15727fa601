/// <reference types="vite/client" />
// The modeler's packages ship no type declarations; these are the parts the designer uses.
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: Record<string, unknown>;
  export const BpmnPropertiesProviderModule: Record<string, unknown>;
  export const CamundaPlatformPropertiesProviderModule: Record<string, unknown>;
}
declare module 'bpmn-js-element-templates' {
  export const ElementTemplatesPropertiesProviderModule: Record<string, unknown>;
}
declare module 'bpmn-js-bpmnlint' {
  const lintModule: Record<string, unknown>;
  export default lintModule;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const behaviors: Record<string, unknown>;
  export default behaviors;
}
declare module 'bpmnlint/config/recommended' {
  const config: { rules: Record<string, unknown> };
  export default config;
}
declare module 'bpmnlint-plugin-camunda-compat' {
  const plugin: { configs: Record<string, object>; rules: Record<string, string> };
  export default plugin;
}
declare module '*/bpmnlint-plugin-zhizhi/index.js' {
  const plugin: { configs: Record<string, object>; rules: Record<string, string> };
  export default plugin;
}
declare module 'dmn-js/lib/Modeler' {
  interface View {
    type: 'drd' | 'decisionTable' | 'literalExpression' | 'boxedExpression';
    element: { id: string };
  }
  export default class DmnModeler {
    constructor(
      options: { container: HTMLElement } & {
        /** Options of one kind of view, e.g. its additionalModules. */
        [view in View['type']]?: { additionalModules?: unknown[] };
      },
    );
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
    getViews(): View[];
    open(view: View): Promise<unknown>;
    destroy(): void;
  }
}
