import { Form, Input, Radio, Select } from 'antd';
import { useT } from '../../../web/src/i18n';

type RoomOption = { id: string; unitNo: string | null; roomNo: string };

/** 1-502: the unit and the room number, as a door plate reads. */
export const roomLabel = (r: Pick<RoomOption, 'unitNo' | 'roomNo'>) =>
  `${r.unitNo ? `${r.unitNo}-` : ''}${r.roomNo}`;

/**
 * A resident's fields, the same for a grid member's 登记住户 and a resident's own declaration:
 * the room, name, ID number (checked by the API) and kind.
 */
export function ResidentFields({ rooms }: { rooms: RoomOption[] }) {
  const t = useT();
  const required = [{ required: true, message: t('required') }];
  return (
    <>
      <Form.Item name="roomId" label={t('roomNo')} rules={required}>
        <Select
          data-testid="resident-room"
          options={rooms.map((r) => ({ value: r.id, label: roomLabel(r) }))}
        />
      </Form.Item>
      <Form.Item name="name" label={t('residentName')} rules={required}>
        <Input data-testid="resident-name" maxLength={50} />
      </Form.Item>
      <Form.Item name="idNumber" label={t('idNumber')} rules={required}>
        <Input data-testid="resident-id" maxLength={18} />
      </Form.Item>
      <Form.Item name="gender" label={t('gender')}>
        <Radio.Group>
          <Radio.Button value="M">{t('gender.M')}</Radio.Button>
          <Radio.Button value="F">{t('gender.F')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="kind" label={t('residentKind')} initialValue="HOUSEHOLD">
        <Radio.Group>
          {(['HOUSEHOLD', 'FLOATING', 'FOREIGN'] as const).map((k) => (
            <Radio.Button key={k} value={k}>
              {t(`kind.${k}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
    </>
  );
}
