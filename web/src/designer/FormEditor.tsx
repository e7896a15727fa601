import { useContext, useEffect, useRef } from 'react';
import { FormEditor as Editor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';
import '@bpmn-io/form-js-editor/dist/assets/dragula.css';
import type { FormEditorHandle, FormSchema } from './form-problems';
import { I18nContext } from '../i18n';
import { keepEditorInChinese } from './form-editor-zh';

/**
 * form-js's editor on one step's Camunda Form: palette, canvas and properties panel; what it saves
 * is deployed with the diagram as one deployment, so a running case keeps the form of its version.
 */
export function FormEditor({
  schema,
  onReady,
}: {
  schema: FormSchema;
  onReady: (editor: FormEditorHandle) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const ready = useRef(onReady);
  ready.current = onReady;
  const { locale } = useContext(I18nContext);
  useEffect(() => (locale === 'zh-CN' ? keepEditorInChinese(container.current!) : undefined), [locale]);
  useEffect(() => {
    const editor = new Editor({
      container: container.current!,
      exporter: { name: 'Zhizhi', version: '0.1.0' },
    } as ConstructorParameters<typeof Editor>[0]);
    let alive = true;
    void editor.importSchema(schema).then(() => {
      if (alive) ready.current({ schema: () => editor.saveSchema() as FormSchema });
    });
    return () => {
      alive = false;
      editor.destroy();
    };
  }, [schema]);
  return <div ref={container} data-testid="form-editor" style={{ height: '70vh' }} />;
}
