import { useContext, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Space, Spin } from 'antd';
import { api, errorText, type AnswerOf } from '../api';
import { I18nContext, useT } from '../i18n';
import { CaseSummary, CaseTimeline, type CaseView } from './case-summary';
import { PathDiagram } from './PathDiagram';
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
      <PathDiagram diagram={diagram} />
      {view && (
        <Card size="small" title={t('timeline')}>
          <CaseTimeline view={view} />
        </Card>
      )}
    </Space>
  );
}
