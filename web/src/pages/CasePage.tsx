import { useParams } from 'react-router';
import { Button, Card, Space } from 'antd';
import { api, type AnswerOf } from '../api';
import { useT } from '../i18n';
import { CaseSummary, CaseTimeline, type CaseView } from './case-summary';
import { PathDiagram } from './PathDiagram';
import { OverdueNotice } from './OverdueNotice';
import { CaseMedia } from '../field/CaseMedia';
import { useBack } from '../use-back';
import { useLoad } from '../use-load';
import { Loaded } from '../Loaded';

type Diagram = AnswerOf<'/api/events/{id}/diagram'>;

/**
 * The case view: the event, whether it is overdue (with 督办 for those who may), its current
 * steps, its timeline and the diagram of the exact version it runs on, with the current steps
 * highlighted and the path taken marked. The diagram loads apart: if it fails, only it is missing.
 */
export function CasePage() {
  const eventId = useParams().id!;
  const t = useT();
  const onBack = useBack('/cases');
  const view = useLoad(() => api<CaseView>(`/api/events/${eventId}`), [eventId]);
  const diagram = useLoad(() => api<Diagram>(`/api/events/${eventId}/diagram`), [eventId]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button onClick={onBack}>{t('back')}</Button>
      <Loaded state={view} testId="case-error">
        {(v) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <OverdueNotice
              steps={v.currentSteps}
              target={{ caseKind: 'EVENT', caseId: v.event.id, caseNo: v.event.caseNo }}
              maySupervise={v.maySupervise}
              onIssued={view.reload}
            />
            <CaseSummary view={v} />
            <CaseMedia
              eventId={v.event.id}
              files={v.files}
              links={v.event.attachments}
              latitude={v.event.latitude}
              longitude={v.event.longitude}
            />
            <PathDiagram diagram={diagram.data} failed={!!diagram.error} />
            <Card size="small" title={t('timeline')}>
              <CaseTimeline view={v} />
            </Card>
          </Space>
        )}
      </Loaded>
    </Space>
  );
}
