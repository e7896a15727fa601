import { useContext, useEffect, useRef } from 'react';
import Modeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';
import CamundaPlatformBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import { I18nContext } from '../i18n';
import { bpmnlintConfig } from './lintConfig';
import { translateModule } from './translate';

export interface LintIssue {
  id: string;
  rule: string;
  message: string;
  category: string;
}

export interface EditorHandle {
  saveXML(): Promise<string>;
}

/**
 * bpmn-js with the Camunda 7 properties panel (external task topics, candidate groups, due dates,
 * timers, form references, decision references, history time-to-live), the Camunda Platform
 * modelling behaviours and live lint with the project's rules: what Operaton runs and Camunda
 * Modeler (Camunda 7 target) opens.
 */
export function DiagramEditor({
  xml,
  onLint,
  onReady,
}: {
  xml: string;
  onLint: (issues: LintIssue[]) => void;
  onReady: (editor: EditorHandle) => void;
}) {
  const canvas = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  // Read when bpmn-js renders a label, so switching language never rebuilds (and loses) the edit.
  const { locale } = useContext(I18nContext);
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const callbacks = useRef({ onLint, onReady });
  callbacks.current = { onLint, onReady };

  useEffect(() => {
    const modeler = new Modeler({
      container: canvas.current!,
      propertiesPanel: { parent: panel.current! },
      linting: { bpmnlint: bpmnlintConfig, active: true },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        CamundaPlatformPropertiesProviderModule,
        CamundaPlatformBehaviorsModule,
        lintModule,
        translateModule(() => localeRef.current),
      ],
      moddleExtensions: { camunda: camundaModdle },
    });
    modeler.on('linting.completed', (e: { issues: Record<string, Omit<LintIssue, 'id'>[]> }) =>
      callbacks.current.onLint(
        Object.entries(e.issues).flatMap(([id, list]) => list.map((issue) => ({ ...issue, id }))),
      ),
    );
    let alive = true;
    modeler.importXML(xml).then(() => {
      if (!alive) return;
      (modeler.get('canvas') as { zoom(level: string): void }).zoom('fit-viewport');
      callbacks.current.onReady({
        saveXML: async () => (await modeler.saveXML({ format: true })).xml ?? '',
      });
    });
    return () => {
      alive = false;
      modeler.destroy();
    };
  }, [xml]);

  return (
    <div className="designer-editor" style={{ display: 'flex', height: '100%', border: '1px solid #d9d9d9' }}>
      <div
        ref={canvas}
        data-testid="designer-canvas"
        style={{ flex: 1, minWidth: 0, position: 'relative' }}
      />
      <div
        ref={panel}
        data-testid="designer-properties"
        style={{ width: 300, maxWidth: '45%', overflow: 'auto', borderLeft: '1px solid #d9d9d9' }}
      />
    </div>
  );
}
