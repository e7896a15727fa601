import { useContext, useEffect, useRef } from 'react';
import DmnModeler from 'dmn-js/lib/Modeler';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import { I18nContext } from '../i18n';
import type { EditorHandle } from './DiagramEditor';
import { keepTitlesTranslated, translateModule } from './translate';

/**
 * dmn-js opened on the first decision table (what a designer edits: weights, deductions),
 * with the requirements diagram and other decisions one tab away.
 */
export function DecisionEditor({ xml, onReady }: { xml: string; onReady: (editor: EditorHandle) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const ready = useRef(onReady);
  ready.current = onReady;
  // Read when dmn-js renders a label, as in the diagram editor: switching language keeps the edit.
  const { locale } = useContext(I18nContext);
  const localeRef = useRef(locale);
  localeRef.current = locale;

  useEffect(() => {
    // Each view gets the module: dmn-js merges `common` options into every view but replaces
    // their `additionalModules` with the view's own, so a `common` module would be dropped.
    const translate = { additionalModules: [translateModule(() => localeRef.current)] };
    const modeler = new DmnModeler({
      container: container.current!,
      drd: translate,
      decisionTable: translate,
      literalExpression: translate,
      boxedExpression: translate,
    });
    const stopTitles = keepTitlesTranslated(container.current!, () => localeRef.current);
    let alive = true;
    modeler.importXML(xml).then(() => {
      if (!alive) return;
      const table = modeler.getViews().find((v) => v.type === 'decisionTable');
      if (table) void modeler.open(table);
      ready.current({ saveXML: async () => (await modeler.saveXML({ format: true })).xml ?? '' });
    });
    return () => {
      alive = false;
      stopTitles();
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
