import { useCallback, useContext, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Empty, List, Row, Space, Table, Tag, Typography, message } from 'antd';
import { api, ApiFailure, type ApiError } from '../api';
import { I18nContext, useT } from '../i18n';
import { DiagramEditor, type EditorHandle, type LintIssue } from '../designer/DiagramEditor';

interface Version {
  key: string;
  bpmnProcessId: string;
  version: number;
  deployedAt: string;
  runningInstances: number;
}
interface Diagram {
  bpmnProcessId: string;
  versions: Version[];
}
interface Opened extends Omit<Version, 'runningInstances'> {
  xml: string;
}

/** 流程设计: the diagrams and their versions, the modeler with live lint, deploy a new version. */
export function DesignerPage() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [diagrams, setDiagrams] = useState<Diagram[]>([]);
  const [opened, setOpened] = useState<Opened>();
  const [editor, setEditor] = useState<EditorHandle>();
  const [issues, setIssues] = useState<LintIssue[]>([]);
  const [refused, setRefused] = useState<ApiError>();
  const [deploying, setDeploying] = useState(false);

  const load = useCallback(
    () => api<{ items: Diagram[] }>('/api/processes').then((r) => setDiagrams(r.items)),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const open = async (key: string) => {
    setEditor(undefined);
    setIssues([]);
    setRefused(undefined);
    setOpened(await api<Opened>(`/api/processes/versions/${key}`));
  };

  // Lint runs on every change: the API's refusal was about the diagram as it was sent.
  const relint = useCallback((found: LintIssue[]) => {
    setIssues(found);
    setRefused(undefined);
  }, []);

  const errors = issues.filter((i) => i.category !== 'warn' && i.category !== 'info');
  const warnings = issues.filter((i) => i.category === 'warn');

  const deploy = async () => {
    if (!editor) return;
    setDeploying(true);
    setRefused(undefined);
    try {
      const deployed = await api<Version>('/api/processes/deployments', {
        body: { xml: await editor.saveXML() },
      });
      message.success(`${t('deployed')} ${deployed.version}`);
      await load();
      await open(deployed.key);
    } catch (err) {
      if (err instanceof ApiFailure) setRefused(err.error);
      else throw err;
    } finally {
      setDeploying(false);
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={6}>
        <Card size="small" title={t('diagrams')}>
          {diagrams.map((d) => (
            <Table<Version>
              key={d.bpmnProcessId}
              data-testid={`versions-${d.bpmnProcessId}`}
              size="small"
              rowKey="key"
              pagination={false}
              scroll={{ y: 220 }}
              title={() => <Typography.Text strong>{d.bpmnProcessId}</Typography.Text>}
              dataSource={d.versions}
              columns={[
                {
                  title: t('version'),
                  dataIndex: 'version',
                  render: (_: number, v: Version) => (
                    <>
                      <Typography.Text strong>v{v.version}</Typography.Text>
                      <br />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} title={t('deployedAt')}>
                        {new Date(v.deployedAt).toLocaleString(locale)}
                      </Typography.Text>
                    </>
                  ),
                },
                { title: t('runningCases'), dataIndex: 'runningInstances', width: 80 },
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, v: Version) => (
                    <Space direction="vertical" size={0}>
                      <Button size="small" type="link" onClick={() => open(v.key)}>
                        {t('open')} v{v.version}
                      </Button>
                      <Button
                        size="small"
                        type="link"
                        href={`/api/processes/versions/${v.key}/bpmn`}
                        download
                      >
                        {t('download')}
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          ))}
        </Card>
      </Col>
      <Col xs={24} xl={18}>
        {opened ? (
          <Card
            size="small"
            title={`${t('editing')} ${opened.bpmnProcessId} v${opened.version}`}
            extra={
              <Space wrap>
                <span data-testid="lint-state">
                  {errors.length ? (
                    <Tag color="red">
                      {errors.length} {t('lintErrors')}
                    </Tag>
                  ) : (
                    <Tag color="green">{t('lintOk')}</Tag>
                  )}
                  {warnings.length ? (
                    <Tag color="orange">
                      {warnings.length} {t('lintWarnings')}
                    </Tag>
                  ) : null}
                </span>
                <Button
                  type="primary"
                  disabled={!editor || errors.length > 0}
                  loading={deploying}
                  onClick={deploy}
                >
                  {t('deployNew')}
                </Button>
              </Space>
            }
          >
            {errors.length ? (
              <Alert type="warning" showIcon message={t('lintBlocks')} style={{ marginBottom: 8 }} />
            ) : null}
            {refused ? (
              <Alert
                type="error"
                showIcon
                data-testid="deploy-refused"
                style={{ marginBottom: 8 }}
                message={refused.message[locale]}
                description={
                  <List
                    size="small"
                    dataSource={refused.fields ?? []}
                    renderItem={(f) => (
                      <List.Item>
                        {f.field}: {f.message[locale]}
                      </List.Item>
                    )}
                  />
                }
              />
            ) : null}
            <div style={{ height: 'max(420px, calc(100vh - 260px))' }}>
              <DiagramEditor key={opened.key} xml={opened.xml} onLint={relint} onReady={setEditor} />
            </div>
            {issues.length ? (
              <List
                size="small"
                data-testid="lint-issues"
                dataSource={issues}
                renderItem={(i) => (
                  <List.Item>
                    <Tag color={errors.includes(i) ? 'red' : 'orange'}>{i.rule}</Tag>
                    {i.id}: {i.message}
                  </List.Item>
                )}
              />
            ) : null}
          </Card>
        ) : (
          <Empty description={t('pickVersion')} />
        )}
      </Col>
    </Row>
  );
}
