import { useEffect, useRef } from 'react';
import DmnModeler from 'dmn-js/lib/Modeler';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import type { EditorHandle } from './DiagramEditor';

/**
 * dmn-js opened on the first decision table (what a designer edits: weights, deductions),
 * with the requirements diagram and other decisions one tab away.
 */
export function DecisionEditor({ xml, onReady }: { xml: string; onReady: (editor: EditorHandle) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const ready = useRef(onReady);
  ready.current = onReady;

  useEffect(() => {
    const modeler = new DmnModeler({ container: container.current! });
    let alive = true;
    modeler.importXML(xml).then(() => {
      if (!alive) return;
      const table = modeler.getViews().find((v) => v.type === 'decisionTable');
      if (table) void modeler.open(table);
      ready.current({ saveXML: async () => (await modeler.saveXML({ format: true })).xml ?? '' });
    });
    return () => {
      alive = false;
      modeler.destroy();
    };
  }, [xml]);

  return (
    <div
      ref={container}
      data-testid="decision-editor"
      style={{ height: '100%', overflow: 'auto', border: '1px solid #d9d9d9', position: 'relative' }}
    />
  );
}
