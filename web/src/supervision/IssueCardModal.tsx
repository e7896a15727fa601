import { useContext } from 'react';
import { Form, Input, message, Modal, Select } from 'antd';
import { api, errorText, type BodyOf } from '../api';
import { I18nContext, useT } from '../i18n';

/** 催办, then 督办 and the yellow and red cards, by weight. */
export const CARD_KINDS = ['REMIND', 'NORMAL', 'YELLOW', 'RED'] as const;

/** The case a 督办/催办 is issued on (POST /api/supervision/cards). */
export type CardTarget = Pick<BodyOf<'/api/supervision/cards'>, 'caseKind' | 'caseId'> & {
  caseNo: string | null;
};

/** 督办/催办 on one case: its kind and reason, issued on OK; the supervision page's and the case pages'. */
export function IssueCardModal({
  target,
  onClose,
  onIssued,
}: {
  target: CardTarget | null;
  onClose: () => void;
  onIssued: () => void;
}) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [form] = Form.useForm<{ kind: (typeof CARD_KINDS)[number]; reason: string }>();

  const issue = async () => {
    const values = await form.validateFields();
    try {
      await api('/api/supervision/cards', {
        body: { caseKind: target!.caseKind, caseId: target!.caseId, ...values },
      });
      message.success(t('cardIssued'));
      form.resetFields();
      onIssued();
    } catch (e) {
      message.error(errorText(e, locale));
    }
  };

  return (
    <Modal
      open={!!target}
      title={`${t('issueCard')} · ${target?.caseNo ?? ''}`}
      onOk={() => void issue()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'NORMAL' }}>
        <Form.Item name="kind" label={t('cardKind')} rules={[{ required: true }]}>
          <Select options={CARD_KINDS.map((k) => ({ value: k, label: t(k) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true, message: t('required') }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
