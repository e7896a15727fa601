import { useContext, useEffect, useRef, useState } from 'react';
import { Alert, Button, Drawer, Input, message, Modal, Space } from 'antd';
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { api, ApiFailure } from '../api';
import { I18nContext, useT } from '../i18n';

interface TaskForm {
  schema: Record<string, unknown> | null;
  variables: Record<string, unknown>;
}

/**
 * A task opened from the inbox: its Camunda Form rendered by form-js (the .form file deployed
 * with the diagram), 完成 with the form's values, and 退回 with a required reason.
 */
export function TaskView({
  taskKey,
  title,
  onClose,
}: {
  taskKey: string;
  title: string;
  onClose: (changed: boolean) => void;
}) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const container = useRef<HTMLDivElement>(null);
  const formRef = useRef<Form | null>(null);
  const [error, setError] = useState<string>();
  const [noForm, setNoForm] = useState(false);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');

  useEffect(() => {
    let form: Form | null = null;
    api<TaskForm>(`/api/tasks/${taskKey}/form`).then(async ({ schema, variables }) => {
      if (!schema || !container.current) return setNoForm(true);
      form = new Form({ container: container.current });
      formRef.current = form;
      await form.importSchema(schema, variables);
    });
    return () => form?.destroy();
  }, [taskKey]);

  const fail = (err: unknown) => setError(err instanceof ApiFailure ? err.describe(locale) : String(err));

  const complete = async () => {
    const result = formRef.current?.submit() ?? { data: {}, errors: {} };
    if (Object.keys(result.errors).length) return;
    try {
      await api(`/api/tasks/${taskKey}/complete`, { body: { variables: result.data } });
      message.success(t('completed'));
      onClose(true);
    } catch (err) {
      fail(err);
    }
  };

  const sendBack = async () => {
    try {
      await api(`/api/tasks/${taskKey}/return`, { body: { reason } });
      setReturning(false);
      onClose(true);
    } catch (err) {
      fail(err);
    }
  };

  return (
    <Drawer open title={title} size="large" onClose={() => onClose(false)}>
      {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
      {noForm && <Alert type="info" title={t('noForm')} style={{ marginBottom: 16 }} />}
      <div ref={container} data-testid="task-form" />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" onClick={complete}>
          {t('complete')}
        </Button>
        <Button onClick={() => setReturning(true)}>{t('return')}</Button>
      </Space>
      <Modal
        open={returning}
        title={t('return')}
        onOk={sendBack}
        onCancel={() => setReturning(false)}
        okButtonProps={{ disabled: !reason.trim() }}
      >
        <Input.TextArea
          rows={3}
          placeholder={t('reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Drawer>
  );
}
