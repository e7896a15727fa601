import { useContext, useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Collapse,
  Descriptions,
  Drawer,
  Form as AntForm,
  Grid,
  Input,
  InputNumber,
  List,
  message,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { FormlessValues, useTaskForm } from '../forms/task-form';
import { useNavigate } from 'react-router';
import { api, ApiFailure, errorText, type AnswerOf } from '../api';
import { I18nContext, useT, useTryT } from '../i18n';
import { useUnitTree } from '../units';
import { DueTag } from './DueTag';
import { CaseFiles, uploadedFile } from '../field/CaseFiles';
import { CaseSummary, CaseTimeline, stepPhotosOf, useDetailLine, type CaseView } from './case-summary';

type Colleague = AnswerOf<'/api/colleagues'>['items'][number];

type TaskDetail = AnswerOf<'/api/tasks/{key}'>;
type Action = TaskDetail['actions'][number];
/** The actions that ask for something first (a reason, a unit, people, an opinion). */
type Asking = Exclude<Action, 'complete' | 'recall' | 'claim' | 'unclaim' | 'withdraw' | 'cancelCosign'>;

/**
 * A task opened from the inbox: its Camunda Form rendered by form-js (the form the engine
 * deployed with the diagram and links to the task) or, for a task without one, the values of its case (completed with no fields); 完成,
 * and 退回 / 转办 / 申请延期 / 委派 where the API offers them, each asking for its reason; a delegate
 * sees only 办毕交回 (give back with what they did). The API's
 * field errors show at the fields of the dialog, or in the drawer for the form's values.
 */
export function TaskView({ taskKey, onClose }: { taskKey: string; onClose: (changed: boolean) => void }) {
  const t = useT();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const [caseView, setCaseView] = useState<CaseView>();
  const { locale } = useContext(I18nContext);
  const { container, values, formless, error: formError } = useTaskForm(taskKey);
  const [error, setError] = useState<string>();
  const [task, setTask] = useState<TaskDetail>();
  const [acting, setActing] = useState<Asking | null>(null);
  // Untyped: the API names its fields by string, and setFields must take them.
  const [actionForm] = AntForm.useForm();
  const [actionError, setActionError] = useState<string>();
  const units = useUnitTree(task?.orgId ?? undefined);
  const [colleagues, setColleagues] = useState<Colleague[]>([]);

  useEffect(() => {
    // 抄送 may also reach the case workers of the units above; 委派 and 加签 stay within one's subtree.
    if (acting === 'delegate' || acting === 'cosign' || acting === 'copy')
      api<AnswerOf<'/api/colleagues'>>(`/api/colleagues?above=${acting === 'copy'}`).then((r) =>
        setColleagues(r.items),
      );
  }, [acting]);

  useEffect(() => {
    let cancelled = false;
    setTask(undefined);
    setCaseView(undefined);
    setError(undefined);
    api<TaskDetail>(`/api/tasks/${taskKey}`).then(
      (detail) => {
        if (cancelled) return;
        setTask(detail);
        // The case beside the task: what was reported, where, by whom, and what was done so far.
        if (detail.eventId)
          api<CaseView>(`/api/events/${detail.eventId}`).then(
            (view) => !cancelled && setCaseView(view),
            () => undefined,
          );
      },
      (err) => !cancelled && setError(errorText(err, locale)),
    );
    return () => {
      cancelled = true;
    };
    // The locale words errors as the task opens.
  }, [taskKey]);

  const describe = (err: unknown) => errorText(err, locale);

  const complete = async () => {
    const variables = values();
    if (!variables) return;
    try {
      await api(`/api/tasks/${taskKey}/complete`, { body: { variables } });
      message.success(t('completed'));
      onClose(true);
    } catch (err) {
      setError(describe(err));
    }
  };

  /** 收回委派, 签收, 取消签收, 撤回 need no reason: one click, then the task as it now is. */
  const simple = async (action: 'recall' | 'claim' | 'unclaim' | 'withdraw' | 'cancelCosign') => {
    try {
      await api(`/api/tasks/${taskKey}/${action === 'cancelCosign' ? 'cosign/cancel' : action}`, {
        method: 'POST',
      });
      if (action === 'cancelCosign') message.success(t('done.cancelCosign'));
      if (action === 'recall' || action === 'withdraw') {
        message.success(t(`done.${action}`));
        onClose(true);
      } else setTask(await api<TaskDetail>(`/api/tasks/${taskKey}`));
    } catch (err) {
      setError(describe(err));
    }
  };

  const act = async () => {
    if (!acting) return;
    const values = await actionForm.validateFields().catch(() => null);
    if (!values) return;
    try {
      await api(`/api/tasks/${taskKey}/${acting}`, { body: values });
      setActing(null);
      if (acting === 'copy' || acting === 'cosign' || acting === 'sign' || acting === 'permit') {
        // The task stays open: show it with its shares.
        message.success(t(`done.${acting}`));
        setTask(await api<TaskDetail>(`/api/tasks/${taskKey}`));
        return;
      }
      message.success(t(acting === 'delegate' || acting === 'resolve' ? `done.${acting}` : 'completed'));
      onClose(true);
    } catch (err) {
      // Errors the API names go to their fields; anything else is shown in the dialog.
      if (err instanceof ApiFailure && err.error.fields?.length)
        actionForm.setFields(err.fieldErrors(locale));
      setActionError(describe(err));
    }
  };

  const openAction = (action: Asking) => {
    actionForm.resetFields();
    setActionError(undefined);
    setActing(action);
  };

  const offers = (action: Action) => task?.actions.includes(action) ?? false;
  const required = [{ required: true, whitespace: true, message: t('required') }];

  return (
    <Drawer
      open
      title={task ? `${task.caseNo ?? ''} ${task.name}` : t('loading')}
      // A phone gets the whole width: a 736 px drawer would cut the form and its buttons off.
      size={narrow ? '100%' : 'large'}
      onClose={() => onClose(false)}
    >
      <Space style={{ marginBottom: 16 }} wrap>
        {task && <DueTag task={task} />}
        {task?.assigneeName && (
          <Tag>
            {t('claimedBy')}: {task.assigneeName}
          </Tag>
        )}
        {task?.eventId && (
          // The case opens over the task at its own URL; Back (or 返回) returns to this drawer.
          <Button type="link" onClick={() => navigate(`/cases/${task.eventId}`)}>
            {t('openCase')}
          </Button>
        )}
        {task?.caseCard && !task.eventId && (
          <Button type="link" onClick={() => navigate(task.caseCard!.path)}>
            {t(task.caseCard.kind === 'DISPUTE' ? 'openDispute' : 'openCase')}
          </Button>
        )}
        {task?.genericCase && (
          <Button type="link" onClick={() => navigate(`/instances/${task.processInstanceId}`)}>
            {t('instance.open')}
          </Button>
        )}
      </Space>
      {task?.delegatedByName && task.actions.includes('resolve') && (
        <Alert
          type="warning"
          title={t('delegatedBy', { name: task.delegatedByName })}
          style={{ marginBottom: 16 }}
          data-testid="delegated-by"
        />
      )}
      {task?.readOnlyReason && (
        <Alert
          type="info"
          title={t(`readOnly.${task.readOnlyReason}`, {
            name: task.assigneeName ?? '',
            step: task.barredBy ?? '',
          })}
          style={{ marginBottom: 16 }}
          data-testid="read-only"
        />
      )}
      {task?.separation && task.separation.length > 0 && (
        <Alert
          type="warning"
          style={{ marginBottom: 16 }}
          data-testid="four-eyes"
          title={t('separation.barred')}
          description={task.separation
            .map(
              (s) =>
                `${s.name}（${s.step ? t('separation.did', { step: s.step }) : t('separation.reporter')}${
                  s.permitted ? `，${t('separation.permitted')}` : ''
                }）`,
            )
            .join('；')}
        />
      )}
      {task && task.shares.length > 0 && <Shares shares={task.shares} />}
      {caseView && <CaseSummary view={caseView} />}
      {task?.caseCard && !task.eventId && <CaseCardView card={task.caseCard} />}
      {task && task.files.length > 0 && (
        // The case's photos and files, whatever the loop (a key person's file, a dispute's event).
        <Card size="small" title={t('attachments')} style={{ margin: '16px 0' }} data-testid="task-files">
          <CaseFiles files={task.files} />
        </Card>
      )}
      {caseView && task?.elementId === 'verify' && <HandlingResult view={caseView} />}
      {caseView && (
        <Collapse
          size="small"
          defaultActiveKey={['steps']}
          style={{ margin: '16px 0' }}
          items={[
            {
              key: 'steps',
              label: t('lastSteps'),
              children: <CaseTimeline view={caseView} last={5} />,
            },
          ]}
        />
      )}
      {(error ?? formError) && (
        <Alert
          type="error"
          title={error ?? formError}
          style={{ marginBottom: 16 }}
          data-testid="task-error"
        />
      )}
      {formless && <FormlessValues values={formless} />}
      <div
        ref={container}
        data-testid="task-form"
        style={{ display: task?.actions.includes('complete') ? undefined : 'none' }}
      />
      <Space style={{ marginTop: 16 }} wrap>
        {offers('complete') && (
          <Button type="primary" onClick={complete}>
            {t('complete')}
          </Button>
        )}
        {(
          [
            'return',
            'transfer',
            'extension',
            'delegate',
            'resolve',
            'cosign',
            'copy',
            'sign',
            'permit',
          ] as const
        )
          .filter(offers)
          .map((action) => (
            <Button key={action} onClick={() => openAction(action)}>
              {t(action)}
            </Button>
          ))}
        {(['claim', 'unclaim', 'recall', 'cancelCosign'] as const).filter(offers).map((action) => (
          <Button key={action} onClick={() => void simple(action)}>
            {t(action)}
          </Button>
        ))}
        {offers('withdraw') && (
          <Popconfirm title={t('withdrawConfirm')} onConfirm={() => simple('withdraw')}>
            <Button danger>{t('withdraw')}</Button>
          </Popconfirm>
        )}
      </Space>
      <Modal
        open={acting !== null}
        title={acting && t(acting)}
        onOk={act}
        onCancel={() => setActing(null)}
        destroyOnHidden
      >
        {actionError && <Alert type="error" title={actionError} style={{ marginBottom: 16 }} />}
        <AntForm form={actionForm} layout="vertical" preserve={false}>
          {acting === 'transfer' && (
            <AntForm.Item name="unitId" label={t('transferTo')} rules={required}>
              <TreeSelect treeData={units} showSearch treeNodeFilterProp="title" />
            </AntForm.Item>
          )}
          {acting === 'extension' && (
            <AntForm.Item
              name="days"
              label={t('extraDays')}
              rules={[{ required: true, message: t('required') }]}
            >
              <InputNumber min={1} max={30} precision={0} />
            </AntForm.Item>
          )}
          {acting === 'delegate' && (
            <AntForm.Item name="userId" label={t('delegateTo')} rules={required}>
              <Select
                showSearch
                optionFilterProp="label"
                data-testid="delegate-to"
                options={colleagues.map((c) => ({ value: c.id, label: `${c.displayName}（${c.orgName}）` }))}
              />
            </AntForm.Item>
          )}
          {(acting === 'copy' || acting === 'cosign') && (
            <AntForm.Item
              name="userIds"
              label={t(acting === 'copy' ? 'copyTo' : 'cosignBy')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Select
                mode="multiple"
                showSearch
                optionFilterProp="label"
                data-testid="share-to"
                options={colleagues.map((c) => ({ value: c.id, label: `${c.displayName}（${c.orgName}）` }))}
              />
            </AntForm.Item>
          )}
          {acting === 'permit' && (
            <AntForm.Item name="userId" label={t('permitWho')} rules={required}>
              <Select
                data-testid="permit-who"
                options={(task?.separation ?? [])
                  .filter((s) => !s.permitted)
                  .map((s) => ({ value: s.userId, label: s.name }))}
              />
            </AntForm.Item>
          )}
          {acting === 'copy' || acting === 'cosign' ? (
            <AntForm.Item name="note" label={t('shareNote')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </AntForm.Item>
          ) : acting === 'sign' ? (
            <AntForm.Item name="opinion" label={t('cosignOpinion')} rules={required}>
              <Input.TextArea rows={3} maxLength={1000} />
            </AntForm.Item>
          ) : acting === 'permit' ? (
            <AntForm.Item name="reason" label={t('permitReason')} rules={required}>
              <Input.TextArea rows={3} maxLength={1000} />
            </AntForm.Item>
          ) : acting === 'resolve' ? (
            <AntForm.Item name="result" label={t('result')} rules={required}>
              <Input.TextArea rows={3} />
            </AntForm.Item>
          ) : (
            <AntForm.Item name="reason" label={t('reason')} rules={required}>
              <Input.TextArea rows={3} />
            </AntForm.Item>
          )}
        </AntForm>
      </Modal>
    </Drawer>
  );
}

/** The case of a task that is not an event's (a key person, a dispute, a petition), as its loop puts it. */
function CaseCardView({ card }: { card: NonNullable<TaskDetail['caseCard']> }) {
  const t = useT();
  const tryT = useTryT();
  const { locale } = useContext(I18nContext);
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      style={{ marginBottom: 16 }}
      data-testid="case-card"
      title={
        <Space>
          {card.urgent && <Tag color="red">{t('urgent')}</Tag>}
          {card.title}
        </Space>
      }
      items={card.facts.map((f) => ({
        key: f.key,
        label: t(`card.${f.key}`),
        children: f.at
          ? new Date(f.at).toLocaleString(locale)
          : f.key === 'risk'
            ? t('card.riskLevel', { n: f.text ?? '' })
            : tryT(f.text ?? '', f.text ?? '—'),
      }))}
    />
  );
}

/** 抄送 and 加签 of the task: to whom, read or signed, and each co-signer's opinion. */
function Shares({ shares }: { shares: TaskDetail['shares'] }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  return (
    <List
      size="small"
      bordered
      style={{ marginBottom: 16 }}
      data-testid="task-shares"
      header={t('sharesTitle')}
      dataSource={shares}
      renderItem={(s) => (
        <List.Item>
          <Space wrap>
            <Tag color={s.kind === 'COSIGN' ? 'geekblue' : undefined}>
              {t(s.kind === 'COSIGN' ? 'cosign' : 'copy')}
            </Tag>
            <span>
              {s.fromName} → {s.toName}
            </span>
            <Tag color={s.doneAt ? 'green' : 'orange'}>
              {t(
                s.kind === 'COSIGN'
                  ? s.doneAt
                    ? 'cosigned'
                    : 'cosignWaiting'
                  : s.doneAt
                    ? 'shareRead'
                    : 'shareUnread',
              )}
            </Tag>
            {s.opinion && <Typography.Text>{s.opinion}</Typography.Text>}
            {s.note && <Typography.Text type="secondary">{s.note}</Typography.Text>}
            <Typography.Text type="secondary">{new Date(s.createdAt).toLocaleString(locale)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** 核查 sees what 处置 did: the latest 处置's outcome, result and who, from the case timeline. */
function HandlingResult({ view }: { view: CaseView }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const detailLine = useDetailLine(view);
  const handled = [...view.timeline].reverse().find((e) => e.action === 'completed:handle');
  if (!handled) return null;
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      style={{ marginTop: 16 }}
      data-testid="handling-result"
      title={t('handlingResult')}
      items={[
        { key: 'what', label: t('handlingDetail'), children: detailLine(handled) },
        { key: 'at', label: t('finishedAt'), children: new Date(handled.at).toLocaleString(locale) },
        ...(stepPhotosOf(view, handled).length
          ? [
              {
                key: 'photos',
                label: t('photoField.afterPhotos'),
                children: <CaseFiles files={stepPhotosOf(view, handled).map(uploadedFile)} />,
              },
            ]
          : []),
      ]}
    />
  );
}
