import { useContext, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { api, errorText } from '../api';
import { I18nContext, useT, useTryT } from '../i18n';
import './case.css';
import { CaseMedia, type CaseFile } from '../field/CaseMedia';

interface CaseView {
  event: {
    id: string;
    caseNo: string;
    category: { name: string };
    urgency: 'URGENT' | 'NORMAL';
    address: string;
    description: string;
    reporterName: string | null;
    level: string;
    status: string;
    createdAt: string;
    latitude: number | null;
    longitude: number | null;
  };
  files: CaseFile[];
  /** Names of the units and people the case names, by id. */
  units: Record<string, string>;
  people: Record<string, string>;
  currentSteps: { taskKey: string; name: string; unitId: string | null; dueDate: string | null }[];
  timeline: {
    id: string;
    at: string;
    action: string;
    actorId: string | null;
    unitId: string | null;
    detail: Record<string, unknown> | null;
  }[];
}

interface Diagram {
  xml: string;
  version: number;
  active: string[];
  completed: string[];
  flows: string[];
}

/** A timeline action as people read it: `completed:<elementId>` names the step by its name in the diagram. */
function useActionLabel() {
  const t = useT();
  const tryT = useTryT();
  return (action: string, detail: Record<string, unknown> | null) =>
    action.startsWith('completed:')
      ? `${t('action.completed')}${String(detail?.step ?? action.slice(10))}`
      : tryT(`action.${action}`, action);
}

/**
 * What a timeline entry adds in a line, readable: the unit and the person, the levels it moved
 * between (网格 → 社区), the outcome chosen, the unit it was transferred to, and the reason or result a person gave.
 */
function useDetailLine(view: CaseView | undefined) {
  const t = useT();
  const tryT = useTryT();
  const level = (code: string) => tryT(`level.${code}`, code);
  const unit = (id: unknown) => (typeof id === 'string' ? (view?.units[id] ?? id) : '');
  return (e: CaseView['timeline'][number]): string => {
    const d = e.detail ?? {};
    const text = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
    // `to` is a level when the case moved up, the delegate's name when a task was delegated.
    const moved =
      text('from') && text('to')
        ? `${level(text('from'))} → ${level(text('to'))}`
        : text('to') && `${t('delegateTo')}: ${text('to')}`;
    return [
      e.unitId ? unit(e.unitId) : '',
      e.actorId && view?.people[e.actorId] ? `${t('handledBy')}: ${view.people[e.actorId]}` : '',
      tryT(`outcome.${text('outcome')}`, text('outcome')),
      moved,
      typeof d.level === 'string' ? level(d.level) : '',
      tryT(text('kind'), ''),
      d.auto === true ? t('autoCard') : '',
      unit(d.handlerOverride),
      unit(d.againstUnit),
      text('reason'),
      text('result'),
    ]
      .filter((part, i, all) => part && all.indexOf(part) === i)
      .join(' · ');
  };
}

/**
 * The case view: the event, its current steps, its timeline and the diagram of the exact version
 * it runs on, with the current steps highlighted and the path taken marked.
 */
export function CasePage({ eventId, onBack }: { eventId: string; onBack: () => void }) {
  const t = useT();
  const tryT = useTryT();
  const label = useActionLabel();
  const { locale } = useContext(I18nContext);
  const canvasRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<CaseView>();
  const [diagram, setDiagram] = useState<Diagram>();
  const [error, setError] = useState<string>();
  const detailLine = useDetailLine(view);

  useEffect(() => {
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

  if (error) return <Alert type="error" title={error} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button onClick={onBack}>{t('back')}</Button>
      {view && (
        <Card title={`${view.event.caseNo} · ${view.event.category.name}`} size="small">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('status')}>
              {t(view.event.status === 'ARCHIVED' ? 'status.ARCHIVED' : 'status.OPEN')}
            </Descriptions.Item>
            <Descriptions.Item label={t('level')}>
              {tryT(`level.${view.event.level}`, view.event.level)}
            </Descriptions.Item>
            <Descriptions.Item label={t('urgency')}>
              {view.event.urgency === 'URGENT' ? <Tag color="red">{t('urgent')}</Tag> : t('normal')}
            </Descriptions.Item>
            <Descriptions.Item label={t('address')}>{view.event.address}</Descriptions.Item>
            <Descriptions.Item label={t('reporter')}>{view.event.reporterName}</Descriptions.Item>
            <Descriptions.Item label={t('created')}>
              {new Date(view.event.createdAt).toLocaleString(locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('description')} span={3}>
              {view.event.description}
            </Descriptions.Item>
            <Descriptions.Item label={t('currentSteps')} span={3}>
              <Space wrap data-testid="current-steps">
                {view.currentSteps.map((s) => (
                  <Tag key={s.taskKey} color="blue">
                    {s.name}
                    {s.unitId ? ` · ${view.units[s.unitId] ?? s.unitId}` : ''}
                    {s.dueDate ? ` · ${new Date(s.dueDate).toLocaleString(locale)}` : ''}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
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
          <Timeline
            data-testid="case-timeline"
            items={view.timeline.map((e) => ({
              key: e.id,
              content: (
                <>
                  <Typography.Text strong>{label(e.action, e.detail)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{new Date(e.at).toLocaleString(locale)}</Typography.Text>
                  {detailLine(e) && <div>{detailLine(e)}</div>}
                </>
              ),
            }))}
          />
        </Card>
      )}
    </Space>
  );
}
