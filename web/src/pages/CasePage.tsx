import { useContext, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Space, Spin, Tag } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { api, errorText, type AnswerOf } from '../api';
import { I18nContext, useT } from '../i18n';
import { CaseSummary, CaseTimeline, type CaseView } from './case-summary';
import './case.css';
import { CaseMedia } from '../field/CaseMedia';
import { useBack } from '../use-back';

type Diagram = AnswerOf<'/api/events/{id}/diagram'>;

/**
 * The case view: the event, its current steps, its timeline and the diagram of the exact version
 * it runs on, with the current steps highlighted and the path taken marked.
 */
export function CasePage() {
  const eventId = useParams().id!;
  const t = useT();
  const { locale } = useContext(I18nContext);
  const onBack = useBack('/cases');
  const canvasRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<CaseView>();
  const [diagram, setDiagram] = useState<Diagram>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    setView(undefined);
    setError(undefined);
    const fail = (err: unknown) => setError(errorText(err, locale));
    api<CaseView>(`/api/events/${eventId}`).then(setView, fail);
    api<Diagram>(`/api/events/${eventId}/diagram`).then(setDiagram, fail);
  }, [eventId, locale]);

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

  const back = <Button onClick={onBack}>{t('back')}</Button>;
  if (error)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {back}
        <Alert type="error" title={error} data-testid="case-error" />
      </Space>
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {back}
      {!view && <Spin data-testid="case-loading" />}
      {view && <CaseSummary view={view} />}
      {view && (
        <CaseMedia
          eventId={view.event.id}
          files={view.files}
          latitude={view.event.latitude}
          longitude={view.event.longitude}
        />
      )}
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
      {view && (
        <Card size="small" title={t('timeline')}>
          <CaseTimeline view={view} />
        </Card>
      )}
    </Space>
  );
}
