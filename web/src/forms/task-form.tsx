import { useContext, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Descriptions, message, Space } from 'antd';
import { api, errorText, type AnswerOf } from '../api';
import { I18nContext, useT } from '../i18n';
import { useFormJs, type FormSource } from './use-form-js';

/**
 * `GET /api/tasks/:key/form`: the Camunda Form the engine serves for the task (deployed with its
 * diagram), null when the task has none or is no longer open, and the task's variables to fill it with.
 */
type TaskForm = AnswerOf<'/api/tasks/{key}/form'>;

/** The values a step without a form shows: its case's plain variables, not the lists a form's pickers read. */
const shownValues = (variables: Record<string, unknown>): [string, string][] =>
  Object.entries(variables).flatMap(([name, value]) =>
    value === null || typeof value !== 'object' ? [[name, value === null ? '—' : String(value)]] : [],
  );

/**
 * An open task's step form, wherever the task is worked: the deployed form rendered by form-js,
 * or, for a step without one, the values of its case (completed with no fields, as the API takes it).
 * `values()` is what 完成 sends (null while a field is invalid).
 */
export function useTaskForm(taskKey: string) {
  const { locale } = useContext(I18nContext);
  const [answer, setAnswer] = useState<TaskForm>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    setAnswer(undefined);
    setError(undefined);
    api<TaskForm>(`/api/tasks/${taskKey}/form`).then(
      (form) => !cancelled && setAnswer(form),
      (err) => !cancelled && setError(errorText(err, locale)),
    );
    return () => {
      cancelled = true;
    };
    // The locale words an error as the form opens; a change of language must not reload a half-filled form.
  }, [taskKey]);
  const source = useMemo<FormSource | null>(
    () => (answer?.schema ? { schema: answer.schema, data: answer.variables } : null),
    [answer],
  );
  const { container, values } = useFormJs(source);
  const formless = answer && !answer.schema ? shownValues(answer.variables) : null;
  return { container, values, formless, error, loaded: !!answer };
}

/** A step without a form: what the case holds, to check before completing it. */
export function FormlessValues({ values }: { values: [string, string][] }) {
  const t = useT();
  return (
    <>
      <Alert type="info" title={t('noForm')} style={{ marginBottom: 16 }} />
      <Descriptions size="small" column={1} bordered data-testid="task-values">
        {values.map(([name, value]) => (
          <Descriptions.Item key={name} label={name}>
            {value}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </>
  );
}

/**
 * One open step worked on its case's page: the same deployed form as the inbox drawer, completed
 * through the inbox (claims, four eyes and the form's contract apply as there). A form a designer
 * changed shows here at once, with no code of the page naming its fields.
 */
export function StepForm({
  taskKey,
  onDone,
  doneText,
}: {
  taskKey: string;
  onDone: () => void;
  /** What the step's completion is called on its page (随访已登记…); 已办理 otherwise. */
  doneText?: string;
}) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const { container, values, formless, error: loadError, loaded } = useTaskForm(taskKey);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const variables = values();
    if (!variables) return;
    setBusy(true);
    setError(undefined);
    try {
      await api(`/api/tasks/${taskKey}/complete`, { body: { variables } });
      message.success(doneText ?? t('completed'));
      onDone();
    } catch (err) {
      setError(errorText(err, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="step-form">
      {(loadError ?? error) && <Alert type="error" showIcon title={loadError ?? error} />}
      {formless && <FormlessValues values={formless} />}
      <div ref={container} />
      <Button type="primary" loading={busy} disabled={!loaded} onClick={() => void submit()}>
        {t('submit')}
      </Button>
    </Space>
  );
}
