import { useContext, useMemo, useState } from 'react';
import { Input, List, Modal, Tag, Typography } from 'antd';
import { I18nContext, useT } from '../i18n';

/** A Camunda 7 element template as `GET /api/processes/worker-templates` lists them. */
export interface ElementTemplate {
  id: string;
  name: string;
  description: string;
  version: number;
  category?: { id: string; name: string };
  appliesTo: string[];
  properties: { value: string; binding: { type: string; name?: string; source?: string } }[];
}

const topicOf = (t: ElementTemplate) => t.properties.find((p) => p.binding.name === 'camunda:topic')?.value;
const count = (t: ElementTemplate, type: string) =>
  t.properties.filter((p) => p.binding.type === type).length;

/**
 * 自动步骤目录: the workers as element templates, by Chinese name (English beneath, from the
 * template's description), with their topic and how many variables they read and write.
 */
export function WorkerCatalog({
  open,
  templates,
  onPick,
  onClose,
}: {
  open: boolean;
  templates: ElementTemplate[];
  onPick: (template: ElementTemplate) => void;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return templates.filter(
      (tpl) => !f || `${tpl.name} ${tpl.description} ${topicOf(tpl)}`.toLowerCase().includes(f),
    );
  }, [templates, filter]);
  return (
    <Modal
      open={open}
      title={t('workerCatalog')}
      footer={null}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <Input.Search
        allowClear
        placeholder={t('workerCatalogFilter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      <div data-testid="worker-catalog">
        <List
          size="small"
          dataSource={shown}
          renderItem={(tpl) => {
            const [zh, en] = tpl.description.split('\n');
            return (
              <List.Item
                data-testid={`template-${tpl.id}`}
                style={{ cursor: 'pointer' }}
                onClick={() => onPick(tpl)}
                extra={<Tag>{topicOf(tpl)}</Tag>}
              >
                <List.Item.Meta
                  title={
                    <span>
                      <span>{tpl.name}</span>
                      {tpl.category ? (
                        <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                          {tpl.category.name}
                        </Typography.Text>
                      ) : null}
                    </span>
                  }
                  description={
                    <span>
                      {locale === 'zh-CN' ? zh : en}
                      <br />
                      {t('workerReadsWrites', {
                        reads: count(tpl, 'camunda:inputParameter'),
                        writes: count(tpl, 'camunda:outputParameter'),
                      })}
                    </span>
                  }
                />
              </List.Item>
            );
          }}
        />
      </div>
    </Modal>
  );
}
