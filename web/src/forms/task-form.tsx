import { useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, message, Space } from 'antd';
import { api, errorText, type AnswerOf } from '../api';
import { I18nContext, useT } from '../i18n';
import { useMe } from '../me';
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

/** An open step of a case, as the case's answer lists it. */
interface OpenStep {
  key: string;
  name: string;
  orgId: string | null;
  dueDate?: string | null;
}

/**
 * 当前环节 on a case's page: each open step, with its form where the step is the caller's unit's
 * (the API decides the rest, as in 待办), else whose it is. `extra` follows the steps (a page's own
 * action that is not a step, such as recording a request for review).
 */
export function OpenSteps({
  steps,
  units,
  onDone,
  extra,
}: {
  steps: OpenStep[];
  units: Record<string, string>;
  onDone: () => void;
  extra?: ReactNode;
}) {
  const t = useT();
  const me = useMe();
  const { locale } = useContext(I18nContext);
  return (
    <Card title={t('openSteps')} size="small" data-testid="open-steps">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {!steps.length && !extra && <span>—</span>}
        {steps.map((step) => (
          <Card
            key={step.key}
            type="inner"
            size="small"
            title={
              step.dueDate
                ? `${step.name} · ${t('dueDate')} ${new Date(step.dueDate).toLocaleDateString(locale)}`
                : step.name
            }
            extra={
              step.orgId !== me.org.id && t('notYours', { unit: step.orgId ? (units[step.orgId] ?? '') : '' })
            }
          >
            {step.orgId === me.org.id && <StepForm taskKey={step.key} onDone={onDone} />}
          </Card>
        ))}
        {extra}
      </Space>
    </Card>
  );
}
