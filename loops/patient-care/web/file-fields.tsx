import { useContext, useEffect, useMemo, useState } from 'react';
import { Button, Form, Input, Radio, Select, Space } from 'antd';
import { api, type AnswerOf } from '../../../web/src/api';
import { I18nContext, useT } from '../../../web/src/i18n';

export type Candidates = AnswerOf<'/api/patients/{id}/team-candidates'>;
export type MemberRow = { roleCode?: string; userId?: string; name?: string };

/**
 * The grids one may put a file in (建档, 随档转移), under their streets and communities, for a
 * TreeSelect that picks grids only; `except` leaves out the file's own grid.
 */
export function useGridTree(enabled: boolean, except?: string) {
  const [items, setItems] = useState<AnswerOf<'/api/patient-grids'>['items']>([]);
  useEffect(() => {
    if (enabled) api<AnswerOf<'/api/patient-grids'>>('/api/patient-grids').then((r) => setItems(r.items));
  }, [enabled]);
  return useMemo(() => {
    type Node = { value: string; title: string; selectable: boolean; children: Node[] };
    const node = (value: string, title: string | null, selectable = false): Node => ({
      value,
      title: title ?? '',
      selectable,
      children: [],
    });
    const streets = new Map<string, Node>();
    const communities = new Map<string, Node>();
    for (const g of items) {
      if (g.id === except) continue;
      const sKey = g.streetId ?? '';
      if (!streets.has(sKey)) streets.set(sKey, node(`street:${sKey}`, g.streetName));
      const cKey = g.communityId ?? '';
      if (!communities.has(cKey)) {
        communities.set(cKey, node(`community:${cKey}`, g.communityName));
        streets.get(sKey)!.children.push(communities.get(cKey)!);
      }
      communities.get(cKey)!.children.push(node(g.id, g.name, true));
    }
    return [...streets.values()];
  }, [items, except]);
}

/** The team candidates of a grid one may put a file in (none until a grid is picked). */
export function useGridCandidates(gridId: string | undefined) {
  const [candidates, setCandidates] = useState<Candidates | null>(null);
  useEffect(() => {
    setCandidates(null);
    if (gridId)
      api<Candidates>(`/api/patient-grids/${encodeURIComponent(gridId)}/team-candidates`).then(setCandidates);
  }, [gridId]);
  return candidates;
}

/** The body's team: a user or a name per row, the designated row marked. */
export const teamBody = (members: MemberRow[], designated: number) =>
  members.map((m, i) => ({
    roleCode: m.roleCode,
    ...(m.userId ? { userId: m.userId } : { name: m.name }),
    designated: i === designated,
  }));

/**
 * A team's rows (the list field `list`, the designated row's index in `designated`): a role, a
 * user from the candidates or, for a guardian, a name.
 */
export function TeamFields({ list, candidates }: { list: string; candidates: Candidates }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  return (
    <Form.Item name="designated" label={t('designated')} rules={[{ required: true, message: t('required') }]}>
      <Radio.Group data-testid="team-designated">
        <Form.List name={list}>
          {(rows, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {rows.map((row) => (
                <Space key={row.key} wrap align="start" data-testid="team-row">
                  <Radio value={row.name} aria-label={t('designated')} />
                  <Form.Item
                    name={[row.name, 'roleCode']}
                    rules={[{ required: true, message: t('required') }]}
                    noStyle
                  >
                    <Select
                      placeholder={t('teamRole')}
                      style={{ width: 150 }}
                      options={candidates.roles.map((r) => ({ value: r.code, label: r.name[locale] }))}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'userId']} noStyle>
                    <Select
                      allowClear
                      showSearch
                      optionFilterProp="label"
                      placeholder={t('teamUser')}
                      style={{ width: 260 }}
                      options={candidates.users.map((u) => ({
                        value: u.id,
                        label: `${u.displayName}（${u.orgName}）`,
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'name']} noStyle>
                    <Input placeholder={t('teamName')} style={{ width: 160 }} maxLength={50} />
                  </Form.Item>
                  <Button size="small" onClick={() => remove(row.name)}>
                    {t('removeMember')}
                  </Button>
                </Space>
              ))}
              <Button size="small" onClick={() => add({})} data-testid="add-member">
                {t('addMember')}
              </Button>
            </Space>
          )}
        </Form.List>
      </Radio.Group>
    </Form.Item>
  );
}
