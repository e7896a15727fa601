import { useContext, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, List, message, Result, Space, Table, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, errorText, type AnswerOf } from '../../../web/src/api';
import { OpenSteps } from '../../../web/src/forms/task-form';
import { OverdueNotice } from '../../../web/src/pages/OverdueNotice';
import { I18nContext, useT, type MessageKey } from '../../../web/src/i18n';
import { useMe } from '../../../web/src/me';
import { useLoad } from '../../../web/src/use-load';
import { STATUS_COLOR } from './PetitionsPage';

type Petition = AnswerOf<'/api/petitions/{id}'>;
/** A statutory clock as GET /api/petitions/:id counts it (a review's has its limit only). */
type Clock = Petition['clocks'][number];

/**
 * A petition's page (/petitions/:id): whether it is overdue (with 督办/催办 for those who may),
 * the matter and petitioner (masked for those who do not work it), the statutory clocks with days left and a holiday roll-over shown, the open steps
 * with the form of each step that is the caller's unit's, and the notices as PDFs.
 */
export function PetitionCase() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { locale } = useContext(I18nContext);
  const petition = useLoad(() => api<Petition>(`/api/petitions/${id}`), [id]);
  if (petition.error)
    return (
      <Result
        status="warning"
        title={petition.error}
        extra={<Button onClick={petition.reload}>{t('retry')}</Button>}
      />
    );
  const p = petition.data;
  if (!p) return <Card loading />;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : '—');
  const unit = (u: string | null) => (u ? (p.units[u] ?? u) : '—');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="petition-case">
      <Button onClick={() => navigate('/petitions')}>{t('back')}</Button>
      <OverdueNotice
        steps={p.openTasks}
        target={{ caseKind: 'PETITION', caseId: p.id, caseNo: p.caseNo }}
        maySupervise={p.maySupervise}
        onIssued={petition.reload}
      />
      <Card
        title={`${p.caseNo} · ${p.matter}`}
        extra={<Tag color={STATUS_COLOR[p.status]}>{t(`petition.${p.status}`)}</Tag>}
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('channel')}>
            {t(`channel.${p.channel}` as MessageKey)}
          </Descriptions.Item>
          <Descriptions.Item label={t('receivedAt')}>{when(p.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('requests')} span={2}>
            {p.requests}
          </Descriptions.Item>
          <Descriptions.Item label={t('officeUnit')}>{unit(p.officeUnitId)}</Descriptions.Item>
          <Descriptions.Item label={t('handlerUnit')}>{unit(p.handlerUnitId)}</Descriptions.Item>
          {p.decision && (
            <Descriptions.Item label={t('decision')} span={2}>
              {t(`decision.${p.decision}`)} · {p.decisionReason}
            </Descriptions.Item>
          )}
          {p.replyText && (
            <Descriptions.Item label={t('reply')} span={2}>
              {p.replyText}
            </Descriptions.Item>
          )}
          {p.satisfaction && (
            <Descriptions.Item label={t('evaluation')}>
              {t(`satisfaction.${p.satisfaction}`)}
            </Descriptions.Item>
          )}
          {p.reviewOpinion && (
            <Descriptions.Item label={t('reviewOpinion')} span={2}>
              {p.reviewOpinion}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t('petitioner')} size="small">
        {p.petitioner.masked && (
          <Alert type="info" showIcon message={t('identityMasked')} style={{ marginBottom: 8 }} />
        )}
        <Space wrap size="large">
          <span>{p.petitioner.name}</span>
          {p.petitioner.idNo && <span>{p.petitioner.idNo}</span>}
          {p.petitioner.phone && <span>{p.petitioner.phone}</span>}
          {p.petitioner.address && <span>{p.petitioner.address}</span>}
        </Space>
      </Card>
      <Clocks clocks={p.clocks} />
      <Steps petition={p} onDone={petition.reload} />
      {p.notices.length > 0 && (
        <Card title={t('notices')} size="small">
          <List
            size="small"
            dataSource={p.notices}
            renderItem={(n) => (
              <List.Item
                actions={[
                  <a key="pdf" href={`/api/petitions/${p.id}/notices/${n.id}`} download>
                    {t('downloadPdf')}
                  </a>,
                ]}
              >
                {n.title} · {when(n.createdAt)}
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}

/**
 * The statutory clocks: start, the counted last day, the roll-over when it falls on a holiday, days
 * left. Each clock's days come with it from the API (the petition loop's manifest, or the case's
 * own extension).
 */
function Clocks({ clocks }: { clocks: Clock[] }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const day = (iso?: string) => (iso ? new Date(iso).toLocaleDateString(locale) : '—');
  const left = (c: Clock): ReactNode => {
    if (c.daysLeft === undefined) return null;
    if (c.daysLeft === null) return <Tag color="green">{t('clockSettled')}</Tag>;
    if (c.daysLeft < 0) return <Tag color="red">{t('calendarDaysOver', { n: -c.daysLeft })}</Tag>;
    if (c.daysLeft === 0) return <Tag color="gold">{t('lastDayToday')}</Tag>;
    return <Tag color={c.daysLeft <= 3 ? 'gold' : 'blue'}>{t('calendarDaysLeft', { n: c.daysLeft })}</Tag>;
  };
  return (
    <Card title={t('clocks')} size="small">
      <Table<Clock>
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={clocks}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('overdueFilter'),
            dataIndex: 'name',
            render: (n: Clock['name'], c) => t(`clock.${n}`, { days: c.days ?? '' }),
          },
          { title: t('clockFrom'), dataIndex: 'start', render: day },
          {
            title: t('clockDue'),
            render: (_, c) => (
              <Space direction="vertical" size={0}>
                <span data-testid={`clock-${c.name}-due`}>{c.dueDate ?? day(c.dueAt)}</span>
                {c.rolledOver && (
                  <span style={{ color: '#d46b08' }}>
                    {t('rolledOver', { n: c.days ?? '', counted: c.countedDate ?? '', due: c.dueDate ?? '' })}
                  </span>
                )}
              </Space>
            ),
          },
          { title: '', render: (_, c) => <span data-testid={`clock-${c.name}-left`}>{left(c)}</span> },
        ]}
      />
    </Card>
  );
}

/** 当前环节, and 登记复查/复核申请 for the office while the petitioner may still ask. */
function Steps({ petition: p, onDone }: { petition: Petition; onDone: () => void }) {
  const me = useMe();
  const mayRequestReview =
    p.status === 'REPLIED' &&
    p.reviewLevel < 2 &&
    p.officeUnitId === me.org.id &&
    !!p.reviewRequestUntil &&
    new Date(p.reviewRequestUntil) > new Date();
  return (
    <OpenSteps
      steps={p.openTasks}
      units={p.units}
      onDone={onDone}
      extra={mayRequestReview && <ReviewRequest petition={p} onDone={onDone} />}
    />
  );
}

/** The office records the petitioner's request for 复查 (then 复核) within the window. */
function ReviewRequest({ petition: p, onDone }: { petition: Petition; onDone: () => void }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [busy, setBusy] = useState(false);
  const request = async () => {
    setBusy(true);
    try {
      await api(`/api/petitions/${p.id}/review-requests`, { method: 'POST' });
      message.success(t('stepDone'));
      onDone();
    } catch (err) {
      message.error(errorText(err, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap>
      <Button loading={busy} onClick={() => void request()}>
        {t('requestReview')}
      </Button>
      <span>
        {t('reviewRequestUntil')} {new Date(p.reviewRequestUntil!).toLocaleDateString(locale)}
      </span>
    </Space>
  );
}
