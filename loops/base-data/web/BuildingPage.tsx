import { useContext, useEffect, useState } from 'react';
import {
  Button,
  Card,
  Descriptions,
  Form,
  List,
  message,
  Modal,
  QRCode,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type AnswerOf } from '../../../web/src/api';
import { I18nContext, useT } from '../../../web/src/i18n';
import { useLoad } from '../../../web/src/use-load';
import { Loaded } from '../../../web/src/Loaded';
import { useSubmit } from '../../../web/src/use-submit';
import { ResidentFields, roomLabel } from './resident-fields';

type Building = AnswerOf<'/api/base/buildings/{id}'>;
type Submitted = AnswerOf<'/api/base/residents', 'post'>;

/**
 * 登记住户: community staff register at once; a grid member's entry goes to the community for
 * review (the API answers which). The API checks the ID number's check character.
 */
function AddResident({ building, onDone }: { building: Building; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const [send, saving] = useSubmit(form);
  const submit = async (body: Record<string, unknown>) => {
    let made: Submitted | undefined;
    if (!(await send(async () => (made = await api<Submitted>('/api/base/residents', { body }))))) return;
    message.success(t(made!.status === 'APPLIED' ? 'residentApplied' : 'residentProposed'));
    form.resetFields();
    setOpen(false);
    onDone();
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="add-resident">
        {t('addResident')}
      </Button>
      <Modal
        open={open}
        title={t('addResident')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        okButtonProps={{ id: 'resident-save' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <ResidentFields rooms={building.rooms} />
        </Form>
      </Modal>
    </>
  );
}

/**
 * 楼栋页: one building's code and QR, its rooms with the people living there (masked), its
 * businesses, every case reported at it and its change history. Reading it is audited.
 */
export function BuildingPage() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const { id } = useParams();
  const page = useLoad(() => api<Building>(`/api/base/buildings/${id}`), [id]);
  return (
    <Loaded state={page} testId="building-error">
      {(b) => (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="building-page">
          <Typography.Title level={4}>{b.address}</Typography.Title>
          <Card size="small">
            <Space wrap align="start">
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('addressCode')}>
                  <Typography.Text code copyable>
                    {b.code}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('community')}>{b.communityName}</Descriptions.Item>
                <Descriptions.Item label={t('gridOf')}>
                  {b.gridName ?? '—'} {b.gridName && !b.gridConfirmed && t('gridUnconfirmed')}
                </Descriptions.Item>
              </Descriptions>
              <QRCode value={`${window.location.origin}/qr/${b.code}`} size={120} title={t('buildingQr')} />
            </Space>
          </Card>
          <Card
            size="small"
            title={t('rooms')}
            extra={
              <Space>
                {b.mayExport && (
                  <Button
                    href={`/api/base/export/residents?buildingId=${b.id}&format=xlsx`}
                    data-testid="export-residents"
                  >
                    {t('exportResidents')}
                  </Button>
                )}
                {(b.mayChange || b.mayPropose) && <AddResident building={b} onDone={page.reload} />}
              </Space>
            }
          >
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={b.rooms}
              data-testid="building-rooms"
              columns={[
                { title: t('roomNo'), render: (_, r) => roomLabel(r) },
                { title: t('roomUse'), render: (_, r) => t(`use.${r.use}`) },
                {
                  title: t('residents'),
                  render: (_, r) => (
                    <Space direction="vertical" size={0}>
                      {r.residents.map((p) => (
                        <span key={p.id} data-testid="resident-row">
                          {p.name} <Typography.Text type="secondary">{p.idNumber}</Typography.Text>{' '}
                          <Tag>{t(`kind.${p.kind}`)}</Tag>
                          {p.tags.map((tag) => (
                            <Tag key={tag} color="orange">
                              {tag}
                            </Tag>
                          ))}
                        </span>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          {b.businesses.length > 0 && (
            <Card size="small" title={t('businesses')}>
              <List
                dataSource={b.businesses}
                renderItem={(x) => (
                  <List.Item>
                    {x.name} <Typography.Text type="secondary">{x.uscc}</Typography.Text> {x.legalRep}
                  </List.Item>
                )}
              />
            </Card>
          )}
          <Card
            size="small"
            title={t('buildingCases')}
            extra={
              <Link to={`/report?building=${b.id}`} data-testid="report-here">
                {t('reportHere')}
              </Link>
            }
          >
            <List
              dataSource={b.events}
              locale={{ emptyText: '—' }}
              renderItem={(e) => (
                <List.Item data-testid="building-case">
                  <Link to={`/cases/${e.id}`}>{e.caseNo}</Link> {e.category} · {e.address}
                </List.Item>
              )}
            />
          </Card>
          {(b.persons.length > 0 || b.disputes.length > 0 || b.petitions.length > 0) && (
            <Card size="small" title={t('buildingPeopleCases')}>
              <List
                dataSource={[
                  ...b.persons.map((p) => ({
                    key: p.id,
                    to: `/patients/${p.id}`,
                    text: `${t('patients')} · ${p.name}`,
                  })),
                  ...b.disputes.map((d) => ({
                    key: d.id,
                    to: `/disputes/${d.id}`,
                    text: `${t('disputes')} · ${d.caseNo} ${d.summary}`,
                  })),
                  ...b.petitions.map((p) => ({
                    key: p.id,
                    to: `/petitions/${p.id}`,
                    text: `${t('petitions')} · ${p.caseNo} ${p.matter}`,
                  })),
                ]}
                renderItem={(x) => (
                  <List.Item data-testid="building-link">
                    <Link to={x.to}>{x.text}</Link>
                  </List.Item>
                )}
              />
            </Card>
          )}
          <Card size="small" title={t('changeHistory')}>
            <List
              dataSource={b.history}
              renderItem={(c) => (
                <List.Item>
                  {new Date(c.createdAt).toLocaleString(locale)} {c.actorName ?? t(`source.${c.source}`)} ·{' '}
                  {t(`source.${c.source}`)} · <Tag>{t(`change.${c.status}`)}</Tag>
                  {String(c.data.name ?? c.data.roomNo ?? '')}
                </List.Item>
              )}
            />
          </Card>
        </Space>
      )}
    </Loaded>
  );
}

/** /qr/<code> signed in: the building the QR code names (a room's code opens its building). */
export function QrRedirect() {
  const { code } = useParams();
  const navigate = useNavigate();
  const t = useT();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api<AnswerOf<'/api/base/codes/{code}'>>(`/api/base/codes/${encodeURIComponent(code ?? '')}`).then(
      (r) => navigate(`/base/buildings/${r.id}`, { replace: true }),
      () => setFailed(true),
    );
  }, [code, navigate]);
  return failed ? <Typography.Text type="danger">{t('noMatches')}</Typography.Text> : null;
}
