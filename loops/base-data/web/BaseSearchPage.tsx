import { useState } from 'react';
import { Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api, type AnswerOf } from '../../../web/src/api';
import { useT } from '../../../web/src/i18n';
import { useLoad } from '../../../web/src/use-load';
import { Loaded } from '../../../web/src/Loaded';
import { hasRole, useMe } from '../../../web/src/me';
import { BaseImport } from './BaseImport';

type Found = AnswerOf<'/api/base/search'>;

/**
 * 地址搜索: one box for how people type an address (part of it, with or without 街道/社区,
 * full-width digits), a scanned or typed 25-digit code, a name or an ID number; the API normalises.
 */
export function BaseSearchPage() {
  const t = useT();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const found = useLoad(
    () => (q ? api<Found>(`/api/base/search?q=${encodeURIComponent(q)}`) : Promise.resolve(null)),
    [q],
  );
  const open = (id: string) => navigate(`/base/buildings/${id}`);
  // Community and street staff keep the base; a grid member proposes changes one by one.
  const me = useMe();
  const imports = hasRole(me, 'STAFF') && ['DISTRICT', 'STREET', 'COMMUNITY'].includes(me.org.type);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>{t('baseSearch')}</Typography.Title>
      <Input.Search
        data-testid="base-search"
        placeholder={t('baseSearchHint')}
        allowClear
        enterButton
        onSearch={(v) => setQ(v.trim())}
      />
      {q && (
        <Loaded state={found}>
          {(r) =>
            !r || (!r.buildings.length && !r.residents.length && !r.businesses.length) ? (
              <Empty description={t('noMatches')} />
            ) : (
              <>
                <Card size="small" title={t('buildings')}>
                  <List
                    dataSource={r.buildings}
                    renderItem={(b) => (
                      <List.Item
                        onClick={() => open(b.id)}
                        style={{ cursor: 'pointer' }}
                        data-testid="base-building"
                      >
                        <List.Item.Meta
                          title={b.address}
                          description={<Typography.Text code>{b.code}</Typography.Text>}
                        />
                      </List.Item>
                    )}
                  />
                </Card>
                {r.residents.length > 0 && (
                  <Card size="small" title={t('residents')}>
                    <List
                      dataSource={r.residents}
                      renderItem={(p) => (
                        <List.Item onClick={() => open(p.buildingId)} style={{ cursor: 'pointer' }}>
                          {p.name} <Typography.Text type="secondary">{p.idNumber}</Typography.Text>{' '}
                          <Tag>{t(`kind.${p.kind}`)}</Tag>
                        </List.Item>
                      )}
                    />
                  </Card>
                )}
                {r.businesses.length > 0 && (
                  <Card size="small" title={t('businesses')}>
                    <List
                      dataSource={r.businesses}
                      renderItem={(b) => (
                        <List.Item
                          onClick={() => b.buildingId && open(b.buildingId)}
                          style={{ cursor: b.buildingId ? 'pointer' : undefined }}
                        >
                          {b.name} <Typography.Text type="secondary">{b.uscc}</Typography.Text>
                        </List.Item>
                      )}
                    />
                  </Card>
                )}
              </>
            )
          }
        </Loaded>
      )}
      {imports ? <BaseImport /> : null}
    </Space>
  );
}
