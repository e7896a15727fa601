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
  Patrol: { 'zh-CN': '巡查轨迹', en: 'Patrol track' },
  patrols: { 'zh-CN': '巡查', en: 'Patrol' },
  sampling: { 'zh-CN': '民调', en: 'Satisfaction survey' },
  warnings: { 'zh-CN': '预警', en: 'Warning' },
  patients: { 'zh-CN': '重点人员档案', en: 'Key person file' },
  tasks: { 'zh-CN': '任务', en: 'Task' },
  ProcessInstance: { 'zh-CN': '流程实例', en: 'Process instance' },
  Attachment: { 'zh-CN': '附件', en: 'Attachment' },
  attachments: { 'zh-CN': '附件', en: 'Attachment' },
  Export: { 'zh-CN': '导出', en: 'Export' },
  SlaRule: { 'zh-CN': '时限规则', en: 'SLA rule' },
  ProcessDefinition: { 'zh-CN': '流程版本', en: 'Process version' },
  DecisionDefinition: { 'zh-CN': '决策表版本', en: 'Decision table version' },
  GroupMapping: { 'zh-CN': '候选组对应', en: 'Candidate group mapping' },
  CalendarYear: { 'zh-CN': '工作日历', en: 'Work calendar' },
  Channel: { 'zh-CN': '接入渠道', en: 'Intake channel' },
  EventCategory: { 'zh-CN': '事件分类', en: 'Event category' },
  GroupRobot: { 'zh-CN': '群机器人', en: 'Group robot' },
  ImportRun: { 'zh-CN': '批量导入', en: 'Bulk import' },
  OpinionSource: { 'zh-CN': '舆情来源', en: 'Public-opinion source' },
  opinion: { 'zh-CN': '舆情', en: 'Public opinion' },
  auth: { 'zh-CN': '登录', en: 'Sign-in' },
  process: { 'zh-CN': '流程', en: 'Process' },
  processes: { 'zh-CN': '流程', en: 'Process' },
  admin: { 'zh-CN': '系统管理', en: 'Administration' },
  notifications: { 'zh-CN': '通知', en: 'Notice' },
  supervision: { 'zh-CN': '督办', en: 'Supervision' },
  Building: { 'zh-CN': '楼栋', en: 'Building' },
  Resident: { 'zh-CN': '实有人口', en: 'Resident' },
  Business: { 'zh-CN': '实有单位', en: 'Business' },
  base: { 'zh-CN': '基础数据', en: 'Address base' },
  public: { 'zh-CN': '居民申报', en: 'Self-declaration' },
};

export const subjectTypeName = (type: string): Localized | null => SUBJECT_TYPES[type] ?? null;

/**
 * What the log calls the actions it records without a route of their own to name them (reads of
 * sensitive records, domain verbs): in the routes' summaries' shape, 「中文 English」.
 */
const ACTION_NAMES: Record<string, string> = {
  'auth.login': '登录 Log in',
  'password.change': '修改密码 Change password',
  'sessions.revoke': '注销会话 End a session',
  'sessions.logout-others': '退出其他设备 End my other sessions',
  'lockout.lift': '解除锁定 Lift a lockout',
  'patient.read': '查阅重点人员档案 Read a key person file',
  'patient.create': '建档 Open a key person file',
  'patient.close': '结案 Close a key person file',
  'petition.read': '查阅信访件 Read a petition',
  'patrol.read': '查阅他人巡查轨迹 Read someone else’s patrol track',
  'petition.notice.read': '查阅信访告知书 Read a petition notice',
  'petition.review-request': '申请复查 Request a review',
  'dispute.read': '查阅矛盾纠纷 Read a dispute',
  'opinion.source.create': '新建舆情来源 Add a public-opinion source',
  'dispute.correct': '更正纠纷登记 Correct a dispute',
  'dispute.confirmation.apply': '申请司法确认 Apply for judicial confirmation',
  'dispute.confirmation.rule': '记录司法确认结果 Record the judicial confirmation ruling',
  'attachment.read': '查看附件 Open an attachment',
  'process-instance.read': '查阅流程实例 Read a process instance',
  'process.start': '发起流程 Start a process',
  'process.deploy': '部署流程 Deploy a process',
  'decision.deploy': '部署决策表 Deploy a decision table',
  'process.map-group': '候选组对应单位 Map a candidate group',
  'process.unmap-group': '删除候选组对应 Unmap a candidate group',
  'calendar.import': '导入工作日历 Import the work calendar',
  'import.start': '批量导入 Bulk import',
  'export.xlsx': '导出表格 Export to Excel',
  'export.pdf': '导出打印件 Export a PDF',
  'building.read': '查阅楼栋 Read a building',
  'resident.read': '查阅实有人口 Read a resident',
};

export const actionName = (action: string): string | null => ACTION_NAMES[action] ?? null;
