import { useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Spin,
  Form,
  Input,
  message,
  Modal,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { Link } from 'react-router';
import { api, type AnswerOf, type Me, errorText } from '../api';
import { I18nContext, useT } from '../i18n';
import { OverdueHeatmap } from './OverdueHeatmap';
import { LoadError } from '../Loaded';
import { CARD_KINDS, IssueCardModal, type CardTarget } from './IssueCardModal';

type Overdue = AnswerOf<'/api/supervision/overdue'>;

type OverdueTask = AnswerOf<'/api/supervision/overdue/tasks'>['items'][number];

const BUCKETS = ['lt1d', 'd1to3', 'd3to7', 'gt7d'] as const;

/** 督办: overdue work below the supervisor's unit by unit and age, drill-down, and 督办/催办 on a case. */
export function SupervisionPage({
  me,
  onOpenCase,
  onOpenPatient,
}: {
  me: Me;
  onOpenCase?: (id: string) => void;
  onOpenPatient?: (id: string) => void;
}) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [trail, setTrail] = useState([{ id: me.org.id, name: me.org.name }]);
  const unit = trail[trail.length - 1];
  const [overdue, setOverdue] = useState<Overdue | null>(null);
  const [level, setLevel] = useState<'all' | 'yellow' | 'red'>('all');
  const [page, setPage] = useState(1);
  const [tasks, setTasks] = useState<{ total: number; items: OverdueTask[] }>({ total: 0, items: [] });
  const [issuing, setIssuing] = useState<CardTarget | null>(null);
  const [selected, setSelected] = useState<OverdueTask[]>([]);
  const [batchOpen, setBatchOpen] = useState(false);
  const [batchForm] = Form.useForm<{ reason: string }>();

  // A failed load shows the error with 重试 in place of the figures, never a spinner for ever.
  const [loadError, setLoadError] = useState<string>();
  const fail = useCallback((e: unknown) => message.error(errorText(e, locale)), [locale]);
  const load = useCallback(async () => {
    const q = new URLSearchParams({ unit: unit.id });
    const tq = new URLSearchParams({ unit: unit.id, level, page: String(page), pageSize: '10' });
    setLoadError(undefined);
    try {
      const [o, list] = await Promise.all([
        api<Overdue>(`/api/supervision/overdue?${q}`),
        api<AnswerOf<'/api/supervision/overdue/tasks'>>(`/api/supervision/overdue/tasks?${tq}`),
      ]);
      setOverdue(o);
      setTasks(list);
    } catch (e) {
      setLoadError(errorText(e, locale));
    }
  }, [unit.id, level, page, locale]);
  useEffect(() => void load(), [load]);

  const drill = (unitId: string) => {
    const row = overdue?.byUnit.find((u) => u.unitId === unitId);
    if (!row || unitId === unit.id) return;
    setTrail([...trail, { id: row.unitId, name: row.name }]);
    setPage(1);
  };
  const buckets = useMemo(() => BUCKETS.map((key) => ({ key, label: t(key) })), [t]);

  /** 批量催办: one reminder per selected case; the answer says how many went out. */
  const remindAll = async () => {
    const { reason } = await batchForm.validateFields();
    try {
      const cases = [
        ...new Map(
          selected.flatMap((r) => (r.caseId ? [[r.caseId, { caseKind: r.caseKind, caseId: r.caseId }]] : [])),
        ).values(),
      ];
      const res = await api<AnswerOf<'/api/supervision/cards/batch', 'post'>>(
        '/api/supervision/cards/batch',
        {
          body: { cases, kind: 'REMIND', reason },
        },
      );
      message.success(t('batchIssued', { issued: res.issued, total: cases.length }));
      setBatchOpen(false);
      setSelected([]);
      batchForm.resetFields();
      void load();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div data-testid="supervision-page">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={trail.map((u, i) => ({
          key: u.id,
          title: <a onClick={() => setTrail(trail.slice(0, i + 1))}>{u.name}</a>,
        }))}
      />
      {loadError && <LoadError error={loadError} onRetry={() => void load()} />}
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('yellowCount')}
              value={overdue?.totals.yellow ?? '—'}
              loading={!overdue && !loadError}
              valueStyle={{ color: '#d48806' }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('redCount')}
              value={overdue?.totals.red ?? '—'}
              loading={!overdue && !loadError}
              valueStyle={{ color: '#cf1322' }}
            />
          </Card>
        </Col>
        {overdue?.byAge.map((a) => (
          <Col xs={6} md={3} key={a.bucket}>
            <Card size="small">
              <Statistic title={t(a.bucket as (typeof BUCKETS)[number])} value={a.count} />
            </Card>
          </Col>
        ))}
        <Col xs={24} lg={12}>
          <Card size="small" title={t('overdueHeat')}>
            {/* Loading is not "no overdue work": the empty state waits for the answer. */}
            {!overdue ? (
              !loadError && <Spin />
            ) : overdue.byUnit.length ? (
              <OverdueHeatmap units={overdue.byUnit} buckets={buckets} cells={overdue.cells} onUnit={drill} />
            ) : (
              <Empty description={t('noOverdue')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('overdueByUnit')}>
            <Table
              size="small"
              rowKey="unitId"
              pagination={false}
              dataSource={overdue?.byUnit ?? []}
              columns={[
                { title: t('unit'), dataIndex: 'name' },
                {
                  title: t('yellowCount'),
                  dataIndex: 'yellow',
                  render: (n: number) => <Tag color="gold">{n}</Tag>,
                },
                { title: t('redCount'), dataIndex: 'red', render: (n: number) => <Tag color="red">{n}</Tag> },
                {
                  title: '',
                  render: (_, row) =>
                    row.unitId === unit.id ? null : (
                      <Button size="small" onClick={() => drill(row.unitId)}>
                        {t('drillDown')}
                      </Button>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card
            size="small"
            title={t('overdueTasks')}
            extra={
              <Space wrap>
                <Button
                  size="small"
                  disabled={!selected.length}
                  onClick={() => setBatchOpen(true)}
                  data-testid="batch-remind"
                >
                  {t('batchRemind', { n: selected.length })}
                </Button>
                <Button
                  size="small"
                  href={`/api/exports/overdue.xlsx?${new URLSearchParams({ unit: unit.id, level })}`}
                >
                  {t('exportXlsx')}
                </Button>
                <Segmented
                  size="small"
                  value={level}
                  onChange={(v) => {
                    setLevel(v as typeof level);
                    setPage(1);
                  }}
                  options={[
                    { value: 'all', label: t('all') },
                    { value: 'yellow', label: t('yellowCount') },
                    { value: 'red', label: t('redCount') },
                  ]}
                />
              </Space>
            }
          >
            <Table
              size="small"
              rowKey="key"
              scroll={{ x: 720 }}
              dataSource={tasks.items}
              rowSelection={{
                selectedRowKeys: selected.map((r) => r.key),
                onChange: (_, rows) => setSelected(rows),
                getCheckboxProps: (r) => ({ disabled: !r.caseId }),
              }}
              pagination={{ current: page, pageSize: 10, total: tasks.total, onChange: setPage }}
              columns={[
                {
                  title: t('caseNo'),
                  // Every loop's case opens its own page.
                  render: (_, r) =>
                    r.caseKind === 'EVENT' ? (
                      <a
                        href={`/cases/${r.caseId}`}
                        onClick={(e) => {
                          if (!onOpenCase) return;
                          e.preventDefault();
                          onOpenCase(r.caseId!);
                        }}
                      >
                        {r.caseNo}
                      </a>
                    ) : r.caseKind === 'PETITION' ? (
                      <Link to={`/petitions/${r.caseId}`}>{r.caseNo}</Link>
                    ) : r.caseKind === 'DISPUTE' ? (
                      <Link to={`/disputes/${r.caseId}`}>{r.caseNo}</Link>
                    ) : r.caseKind === 'PROCESS' ? (
                      <Link to={`/instances/${r.caseId}`}>{t('instance.open')}</Link>
                    ) : r.caseKind === 'PERSON' && r.personName ? (
                      <a
                        href={`/patients/${r.caseId}`}
                        data-testid="overdue-person"
                        onClick={(e) => {
                          if (!onOpenPatient) return;
                          e.preventDefault();
                          onOpenPatient(r.caseId!);
                        }}
                      >
                        {t('patientFile')} · {r.personName}
                      </a>
                    ) : (
                      '—'
                    ),
                },
                { title: t('task'), dataIndex: 'name' },
                { title: t('unit'), render: (_, r) => r.unitName ?? r.orgId },
                {
                  title: t('cardsReceived'),
                  render: (_, r) =>
                    r.cards.total ? (
                      <Space size={2} wrap data-testid="cards-received">
                        {CARD_KINDS.filter((k) => r.cards[k]).map((k) => (
                          <Tag key={k} color={k === 'RED' ? 'red' : k === 'YELLOW' ? 'gold' : 'blue'}>
                            {t(k)} {r.cards[k]}
                          </Tag>
                        ))}
                      </Space>
                    ) : (
                      <span>0</span>
                    ),
                },
                {
                  title: t('dueDate'),
                  render: (_, r) => (
                    <>
                      <Tag color={r.overdue === 'red' ? 'red' : 'gold'}>
                        {t(r.overdue === 'red' ? 'redCount' : 'yellowCount')}
                      </Tag>
                      {r.dueDate && new Date(r.dueDate).toLocaleString(locale)}
                    </>
                  ),
                },
                {
                  title: '',
                  render: (_, r) =>
                    r.caseId ? (
                      <Button
                        size="small"
                        type="primary"
                        danger
                        onClick={() =>
                          setIssuing({ caseKind: r.caseKind!, caseId: r.caseId!, caseNo: r.caseNo })
                        }
                      >
                        {t('issueCard')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={batchOpen}
        title={t('batchRemind', { n: selected.length })}
        onOk={() => void remindAll()}
        onCancel={() => setBatchOpen(false)}
      >
        <Form form={batchForm} layout="vertical">
          <Form.Item name="reason" label={t('reason')} rules={[{ required: true, message: t('required') }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
      <IssueCardModal
        target={issuing}
        onClose={() => setIssuing(null)}
        onIssued={() => {
          setIssuing(null);
          void load();
        }}
      />
    </div>
  );
}
