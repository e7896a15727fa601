import { useEffect, useRef } from 'react';
import { Card, Space, Tag } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { useT } from '../i18n';
import './case.css';

/** A diagram as a case ran through it: the exact version, the path taken and the current steps. */
export interface CasePath {
  xml: string;
  version: number;
  completed: string[];
  active: string[];
  flows: string[];
}

/** The diagram card of a case page (an event's, or any process instance's), with its legend. */
export function PathDiagram({ diagram }: { diagram?: CasePath }) {
  const t = useT();
  const canvasRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!diagram || !canvasRef.current) return;
    const viewer = new NavigatedViewer({ container: canvasRef.current });
    const canvas = viewer.get<{ addMarker(id: string, marker: string): void; zoom(v: string): void }>(
      'canvas',
    );
    // A turned phone or a resized window gets the whole diagram again; pan and zoom stay free.
    const refit = () => canvas.zoom('fit-viewport');
    window.addEventListener('resize', refit);
    void viewer.importXML(diagram.xml).then(() => {
      const registry = viewer.get<{ get(id: string): unknown }>('elementRegistry');
      const mark = (ids: string[], marker: string) =>
        ids.filter((id) => registry.get(id)).forEach((id) => canvas.addMarker(id, marker));
      mark(diagram.completed, 'zz-completed');
      mark(diagram.flows, 'zz-completed');
      mark(diagram.active, 'zz-active');
      refit();
    });
    return () => {
      window.removeEventListener('resize', refit);
      viewer.destroy();
    };
  }, [diagram]);

  return (
    <Card
      size="small"
      title={`${t('diagram')}${diagram ? ` · ${t('version')} ${diagram.version}` : ''}`}
      extra={
        <Space>
          <Tag className="zz-legend-active">{t('legendCurrent')}</Tag>
          <Tag className="zz-legend-completed">{t('legendDone')}</Tag>
        </Space>
      }
    >
      <div ref={canvasRef} data-testid="case-diagram" style={{ height: 360 }} />
    </Card>
  );
}
