import { useEffect, useState } from 'react';
import { Button, Form, Input, Select, Space } from 'antd';
import { api, type AnswerOf } from '../../../web/src/api';
import { useT, type MessageKey } from '../../../web/src/i18n';

export interface PartyValues {
  id?: string;
  name: string;
  phone?: string | null;
  address?: string | null;
}

/** The active dispute types, for a type picker. */
export function useDisputeTypes(when = true) {
  const [types, setTypes] = useState<{ code: string; name: string }[]>([]);
  useEffect(() => {
    if (when) api<AnswerOf<'/api/dispute-types'>>('/api/dispute-types').then((r) => setTypes(r.items));
  }, [when]);
  return types.map((ty) => ({ value: ty.code, label: ty.name }));
}

/** Parties as the API takes them: a contact left empty is left out, not sent as "" or null. */
export const partiesBody = (parties: PartyValues[]) =>
  parties.map((p) =>
    Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined && v !== null && v !== '')),
  );

/** The parties of a dispute: name, phone and address each, kept ones with their id; add and remove. */
export function PartiesFields() {
  const t = useT();
  const required = [{ required: true, message: t('required') }];
  return (
    <Form.List name="parties">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" wrap data-testid="party-fields">
              <Form.Item name={[f.name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Form.Item name={[f.name, 'name']} label={t('partyName')} rules={required}>
                <Input />
              </Form.Item>
              <Form.Item name={[f.name, 'phone']} label={t('phone')}>
                <Input />
              </Form.Item>
              <Form.Item name={[f.name, 'address']} label={t('address')}>
                <Input />
              </Form.Item>
              {fields.length > 2 && (
                <Button type="link" danger onClick={() => remove(f.name)}>
                  {t('remove')}
                </Button>
              )}
            </Space>
          ))}
          <Button onClick={() => add({})}>{t('addParty')}</Button>
        </>
      )}
    </Form.List>
  );
}

/** 防激化 assessment: the level and the reasons ticked (free tags). */
export function RiskFields() {
  const t = useT();
  return (
    <>
      <Form.Item
        name="level"
        label={t('escalationRisk')}
        rules={[{ required: true, message: t('required') }]}
      >
        <Select
          style={{ minWidth: 120 }}
          options={(['LOW', 'MEDIUM', 'HIGH'] as MessageKey[]).map((l) => ({ value: l, label: t(l) }))}
        />
      </Form.Item>
      <Form.Item name="reasons" label={t('riskReasons')}>
        <Select mode="tags" style={{ minWidth: 200 }} />
      </Form.Item>
    </>
  );
}
