import { useContext } from 'react';
import { Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import type { AnswerOf } from '../api';
import { choiceWords } from '../../../loops/event-handling/choices';
import { I18nContext, useT, useTryT } from '../i18n';
import { CaseFiles, uploadedFile } from '../field/CaseFiles';

/** GET /api/events/:id: the case view the case page and the task drawer both show. */
export type CaseView = AnswerOf<'/api/events/{id}'>;

/** A timeline action as people read it: `completed:<elementId>` names the step by its name in the diagram. */
export function useActionLabel() {
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
export function useDetailLine(view: CaseView | undefined) {
  const t = useT();
  const tryT = useTryT();
  const { locale } = useContext(I18nContext);
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
      ...choiceWords(d).map((words) => words[locale]),
      text('verifyComment'),
      text('extensionComment'),
      moved,
      typeof d.level === 'string' ? level(d.level) : '',
      tryT(text('kind'), ''),
      d.auto === true ? t('autoCard') : '',
      unit(d.handlerOverride),
      unit(d.againstUnit),
      text('reason'),
      text('result'),
      // 转调解: the dispute's case number.
      text('disputeCaseNo'),
      // 抄送/加签: to whom, with what note; 会签: the opinion; 撤回: the step taken back.
      text('people'),
      text('note'),
      text('opinion'),
      e.action === 'withdrawn' ? text('step') : '',
      // 准予例外: for whom, at which step.
      e.action === 'separation-permitted' ? `${text('person')} · ${text('step')}` : '',
    ]
      .filter((part, i, all) => part && all.indexOf(part) === i)
      .join(' · ');
  };
}

/** The case at a glance: number, category, state, place, reporter, what was seen, current steps (its files: CaseFiles). */
export function CaseSummary({ view }: { view: CaseView }) {
  const t = useT();
  const tryT = useTryT();
  const { locale } = useContext(I18nContext);
  return (
    <Card
      data-testid="case-summary"
      title={`${view.event.caseNo} · ${view.event.category.name}`}
      size="small"
    >
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
  );
}

/** The photos a step's completion brought to the case (its timeline detail names them by field: 处置后照片). */
export const stepPhotosOf = (view: CaseView, entry: CaseView['timeline'][number]) =>
  view.files.filter((f) => {
    const ids = f.field ? entry.detail?.[f.field] : undefined;
    return Array.isArray(ids) && ids.includes(f.id);
  });

/** The case's timeline, or its last `last` entries (newest last), each with its readable detail line. */
export function CaseTimeline({ view, last }: { view: CaseView; last?: number }) {
  const label = useActionLabel();
  const detailLine = useDetailLine(view);
  const { locale } = useContext(I18nContext);
  const entries = last ? view.timeline.slice(-last) : view.timeline;
  const stepPhotos = (e: CaseView['timeline'][number]) => stepPhotosOf(view, e);
  return (
    <Timeline
      data-testid="case-timeline"
      items={entries.map((e) => ({
        key: e.id,
        content: (
          <>
            <Typography.Text strong>{label(e.action, e.detail)}</Typography.Text>{' '}
            <Typography.Text type="secondary">{new Date(e.at).toLocaleString(locale)}</Typography.Text>
            {detailLine(e) && <div>{detailLine(e)}</div>}
            {stepPhotos(e).length > 0 && <CaseFiles files={stepPhotos(e).map(uploadedFile)} />}
          </>
        ),
      }))}
    />
  );
}
