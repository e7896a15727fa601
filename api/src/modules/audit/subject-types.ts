import type { Localized } from '../../../../lib/i18n';

/**
 * What the audit log calls the kinds of record it names: a domain entry's type (Event, User) or
 * the first segment of a route (events, users). The search answers it, the export writes it.
 */
const SUBJECT_TYPES: Record<string, Localized> = {
  User: { 'zh-CN': '用户', en: 'User' },
  users: { 'zh-CN': '用户', en: 'User' },
  Org: { 'zh-CN': '单位', en: 'Unit' },
  orgs: { 'zh-CN': '单位', en: 'Unit' },
  Event: { 'zh-CN': '事件', en: 'Case' },
  events: { 'zh-CN': '事件', en: 'Case' },
  Dispute: { 'zh-CN': '矛盾纠纷', en: 'Dispute' },
  disputes: { 'zh-CN': '矛盾纠纷', en: 'Dispute' },
  Petition: { 'zh-CN': '信访件', en: 'Petition' },
  petitions: { 'zh-CN': '信访件', en: 'Petition' },
  Person: { 'zh-CN': '重点人员档案', en: 'Key person file' },
  patients: { 'zh-CN': '重点人员档案', en: 'Key person file' },
  tasks: { 'zh-CN': '任务', en: 'Task' },
  ProcessInstance: { 'zh-CN': '流程实例', en: 'Process instance' },
  Attachment: { 'zh-CN': '附件', en: 'Attachment' },
  attachments: { 'zh-CN': '附件', en: 'Attachment' },
  Export: { 'zh-CN': '导出', en: 'Export' },
  SlaRule: { 'zh-CN': '时限规则', en: 'SLA rule' },
  auth: { 'zh-CN': '登录', en: 'Sign-in' },
  process: { 'zh-CN': '流程', en: 'Process' },
  processes: { 'zh-CN': '流程', en: 'Process' },
  admin: { 'zh-CN': '系统管理', en: 'Administration' },
  notifications: { 'zh-CN': '通知', en: 'Notice' },
  supervision: { 'zh-CN': '督办', en: 'Supervision' },
};

export const subjectTypeName = (type: string): Localized | null => SUBJECT_TYPES[type] ?? null;
