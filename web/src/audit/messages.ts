import type { Localized } from '../i18n';

/** The audit page's texts, part of the app's one message table (web/src/i18n.ts). */
export const auditMessages = {
  audit: { 'zh-CN': '审计日志', en: 'Audit log' },
  'audit.at': { 'zh-CN': '时间', en: 'When' },
  'audit.user': { 'zh-CN': '操作人', en: 'Who' },
  'audit.action': { 'zh-CN': '操作', en: 'Action' },
  'audit.subject': { 'zh-CN': '对象', en: 'Record' },
  'audit.address': { 'zh-CN': '来源地址', en: 'Address' },
  'audit.status': { 'zh-CN': '结果', en: 'Outcome' },
  'audit.fields': { 'zh-CN': '提交字段', en: 'Fields sent' },
  'audit.ok': { 'zh-CN': '成功', en: 'Done' },
  'audit.refused': { 'zh-CN': '被拒绝', en: 'Refused' },
  'audit.failed': { 'zh-CN': '失败', en: 'Failed' },
  'audit.unknown': { 'zh-CN': '结果未知', en: 'Outcome unknown' },
  'audit.system': { 'zh-CN': '系统/渠道/匿名', en: 'System, channel or anonymous' },
  'audit.userFilter': { 'zh-CN': '用户名', en: 'Username' },
  'audit.actionFilter': {
    'zh-CN': '操作代码（如 auth.login）',
    en: 'Action code (e.g. auth.login, POST /api/tasks)',
  },
  'audit.subjectTypeFilter': { 'zh-CN': '对象类型', en: 'Record type' },
  'audit.subjectIdFilter': { 'zh-CN': '对象编号', en: 'Record id' },
  'audit.addressFilter': { 'zh-CN': '地址（前缀）', en: 'Address (prefix)' },
  'audit.search': { 'zh-CN': '查询', en: 'Search' },
  'audit.export': { 'zh-CN': '导出 Excel（记入审计）', en: 'Export to Excel (audited)' },
  'audit.reset': { 'zh-CN': '重置', en: 'Reset' },
  'audit.scope': {
    'zh-CN': '按时间倒序。街道及以下管理员仅能查看本辖区用户的操作记录；日志保存期限不少于 180 天。',
    en: "Newest first. Admins below the district see only their own area's users; entries are kept at least 180 days.",
  },
} satisfies Record<string, Localized>;
