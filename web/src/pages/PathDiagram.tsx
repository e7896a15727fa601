import { Component, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Card, Space, Tag } from 'antd';
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

/** A short notice in place of a diagram that could not be drawn; the rest of the page stays. */
function DiagramFailed() {
  const t = useT();
  return <Alert type="warning" title={t('diagramFailed')} data-testid="diagram-failed" />;
}

/** Whatever throws while the diagram renders ends at the diagram: the case around it still shows. */
class DiagramBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? <DiagramFailed /> : this.props.children;
  }
}

/** The diagram in its viewer, with the path taken and the current steps marked. */
function PathCanvas({ diagram, onFail }: { diagram?: CasePath; onFail: () => void }) {
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
    viewer.importXML(diagram.xml).then(() => {
      const registry = viewer.get<{ get(id: string): unknown }>('elementRegistry');
      const mark = (ids: string[], marker: string) =>
        ids.filter((id) => registry.get(id)).forEach((id) => canvas.addMarker(id, marker));
      mark(diagram.completed, 'zz-completed');
      mark(diagram.flows, 'zz-completed');
      mark(diagram.active, 'zz-active');
      refit();
    }, onFail);
    return () => {
      window.removeEventListener('resize', refit);
      viewer.destroy();
    };
  }, [diagram, onFail]);

  return <div ref={canvasRef} data-testid="case-diagram" style={{ height: 360 }} />;
}

/**
 * The diagram card of a case page (an event's, or any process instance's), with its legend. A
 * diagram that cannot be loaded (`failed`) or drawn shows a short notice in its card instead.
 */
export function PathDiagram({ diagram, failed }: { diagram?: CasePath; failed?: boolean }) {
  const t = useT();
  // Which diagram the viewer could not draw: another one (the page's next load) is tried afresh.
  const [unreadable, setUnreadable] = useState<CasePath>();
  const onFail = useCallback(() => setUnreadable(diagram), [diagram]);
  const drawFailed = !!diagram && unreadable === diagram;
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
      {failed || drawFailed ? (
        <DiagramFailed />
      ) : (
        <DiagramBoundary>
          <PathCanvas diagram={diagram} onFail={onFail} />
        </DiagramBoundary>
      )}
    </Card>
  );
}
