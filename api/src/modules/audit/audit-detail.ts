/**
 * An audit entry's detail as a reader of the exported log reads it: 「名称: 值」 pairs in zh-CN
 * (the keys the API and the loops write, by name; any other by its key), times in Beijing time,
 * yes/no as 是/否, lists joined, nested records in brackets. The stored detail stays JSON.
 */
import { beijingTimestamp } from '../../../../lib/china-time';

/** The detail keys the audit trail writes (audit.middleware.ts, auditAs and audit.record callers), by name. */
const KEY_NAMES: Record<string, string> = {
  route: '接口',
  fields: '提交字段',
  filter: '筛选条件',
  rows: '行数',
  via: '途径',
  taskKey: '任务',
  identity: '含身份信息',
  username: '用户名',
  ended: '结束会话数',
  retryAfter: '稍后重试（秒）',
  bpmnProcessId: '流程',
  decisionRequirementsId: '决策表',
  version: '版本',
  warnings: '警告数',
  orgId: '单位',
  source: '来源',
  holidays: '节假日天数',
  workdays: '调休工作日天数',
  channel: '接入渠道',
  caseNo: '案件编号',
  finalAt: '终结时间',
  duplicates: '重复件',
  level: '层级',
  noticeId: '告知书',
  kind: '类别',
  step: '环节',
  reason: '原因',
  subjectId: '对象',
  subjectType: '对象类型',
  action: '操作',
  user: '用户',
  address: '来源地址',
  // An export's filter: the time range it was asked for.
  from: '起',
  to: '止',
};
const VALUE_NAMES: Record<string, Record<string, string>> = { via: { task: '待办任务' } };

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string')
    return VALUE_NAMES[key]?.[value] ?? (ISO_TIME.test(value) ? beijingTimestamp(value) : value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map((v) => valueText(key, v)).join('、');
  if (typeof value === 'object') return `（${auditDetailText(value as Record<string, unknown>)}）`;
  return String(value);
}

/** The detail in words, one 「名称: 值」 pair after another. */
export function auditDetailText(detail: Record<string, unknown> | null | undefined): string {
  return Object.entries(detail ?? {})
    .map(([key, value]) => `${KEY_NAMES[key] ?? key}: ${valueText(key, value)}`)
    .join('；');
}
