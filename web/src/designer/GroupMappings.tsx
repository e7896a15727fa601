import { useContext, useState } from 'react';
import { Alert, Button, Card, Form, Input, List, Popconfirm, TreeSelect, Typography, message } from 'antd';
import { api, errorText, type AnswerOf } from '../api';
import { I18nContext, useT } from '../i18n';
import { useUnitTree } from '../units';
import { useLoad } from '../use-load';

type Mappings = AnswerOf<'/api/processes/group-mappings'>;

/**
 * 候选组对应: a diagram from Camunda Modeler offers its tasks to groups such as `management`;
 * each is mapped here to the unit that answers for it, and its tasks reach that unit's 待办.
 */
export function GroupMappings() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const units = useUnitTree();
  const list = useLoad(() => api<Mappings>('/api/processes/group-mappings'), []);
  const [form] = Form.useForm<{ group: string; orgId: string }>();
  const [error, setError] = useState<string>();

  const save = async ({ group, orgId }: { group: string; orgId: string }) => {
    setError(undefined);
    try {
      const saved = await api<AnswerOf<'/api/processes/group-mappings/{group}', 'put'>>(
        `/api/processes/group-mappings/${encodeURIComponent(group.trim())}`,
        { method: 'PUT', body: { orgId } },
      );
      message.success(saved.changed ? t('groupMapped') : t('groupUnchanged'));
      form.resetFields();
      list.reload();
    } catch (err) {
      setError(errorText(err, locale));
    }
  };

  const remove = async (group: string) => {
    try {
      await api(`/api/processes/group-mappings/${encodeURIComponent(group)}`, { method: 'DELETE' });
      list.reload();
    } catch (err) {
      setError(errorText(err, locale));
    }
  };

  return (
    <Card size="small" title={t('groupMappings')} data-testid="group-mappings" style={{ marginBottom: 16 }}>
      {error || list.error ? <Alert type="error" showIcon message={error ?? list.error} /> : null}
      <List
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('groupMappingsNone') }}
        renderItem={(m) => (
          <List.Item
            actions={[
              <Popconfirm key="remove" title={t('groupUnmapConfirm')} onConfirm={() => remove(m.group)}>
                <Button size="small" type="link" danger>
                  {t('remove')}
                </Button>
              </Popconfirm>,
            ]}
          >
            {/* The group is a code from the imported file (it has no name of its own): shown as code. */}
            <Typography.Text code>{m.group}</Typography.Text> → {m.orgName}
          </List.Item>
        )}
      />
      <Form form={form} layout="vertical" size="small" onFinish={save}>
        <Form.Item name="group" label={t('candidateGroup')} rules={[{ required: true, whitespace: true }]}>
          <Input placeholder={t('candidateGroupHint')} />
        </Form.Item>
        <Form.Item name="orgId" label={t('groupUnit')} rules={[{ required: true }]}>
          <TreeSelect treeData={units} showSearch treeNodeFilterProp="title" placeholder={t('groupUnit')} />
        </Form.Item>
        <Button htmlType="submit" type="primary" size="small">
          {t('groupMap')}
        </Button>
      </Form>
    </Card>
  );
}
