import { createContext, useContext } from 'react';

/** The web app's one i18n layer: zh-CN first, English on the switch. */
export type Locale = 'zh-CN' | 'en';
export type Localized = Record<Locale, string>;

const messages = {
  appName: { 'zh-CN': '智治', en: 'Zhizhi' },
  tagline: { 'zh-CN': '基层社会治理工作流平台', en: 'Workflow platform for grassroots governance' },
  username: { 'zh-CN': '用户名', en: 'Username' },
  password: { 'zh-CN': '密码', en: 'Password' },
  login: { 'zh-CN': '登录', en: 'Log in' },
  logout: { 'zh-CN': '退出', en: 'Log out' },
  todo: { 'zh-CN': '待办', en: 'To do' },
  done: { 'zh-CN': '已办', en: 'Done' },
  report: { 'zh-CN': '事件上报', en: 'Report an event' },
  task: { 'zh-CN': '任务', en: 'Task' },
  process: { 'zh-CN': '流程', en: 'Process' },
  unit: { 'zh-CN': '承办单位', en: 'Unit' },
  dueDate: { 'zh-CN': '期限', en: 'Due' },
  created: { 'zh-CN': '创建时间', en: 'Created' },
  overdue: { 'zh-CN': '已超期', en: 'Overdue' },
  dueSoon: { 'zh-CN': '即将到期', en: 'Due soon' },
  onTime: { 'zh-CN': '正常', en: 'On time' },
  all: { 'zh-CN': '全部', en: 'All' },
  claim: { 'zh-CN': '签收', en: 'Claim' },
  category: { 'zh-CN': '事件类别', en: 'Category' },
  urgency: { 'zh-CN': '紧急程度', en: 'Urgency' },
  urgent: { 'zh-CN': '紧急', en: 'Urgent' },
  normal: { 'zh-CN': '一般', en: 'Normal' },
  grid: { 'zh-CN': '网格', en: 'Grid' },
  address: { 'zh-CN': '地址', en: 'Address' },
  description: { 'zh-CN': '事件描述', en: 'Description' },
  submit: { 'zh-CN': '提交', en: 'Submit' },
  reported: { 'zh-CN': '已上报，案件编号', en: 'Reported, case number' },
  required: { 'zh-CN': '必填', en: 'Required' },
  complete: { 'zh-CN': '完成', en: 'Complete' },
  completed: { 'zh-CN': '已办理', en: 'Completed' },
  return: { 'zh-CN': '退回', en: 'Return' },
  reason: { 'zh-CN': '原因（必填）', en: 'Reason (required)' },
  noForm: {
    'zh-CN': '此任务没有表单，可填写流程变量后完成',
    en: 'This task has no form; set process variables and complete it',
  },
  unclaim: { 'zh-CN': '取消签收', en: 'Unclaim' },
  yellow: { 'zh-CN': '黄牌超期', en: 'Overdue (yellow)' },
  red: { 'zh-CN': '红牌超期', en: 'Overdue (red)' },
  daysLeft: { 'zh-CN': '剩余 {n} 个工作日', en: '{n} working days left' },
  daysOver: { 'zh-CN': '超期 {n} 个工作日', en: '{n} working days overdue' },
  dueToday: { 'zh-CN': '今日到期', en: 'Due today' },
  deadlineState: { 'zh-CN': '时限状态', en: 'Deadline' },
  transfer: { 'zh-CN': '转办', en: 'Transfer' },
  extension: { 'zh-CN': '申请延期', en: 'Ask for more time' },
  transferTo: { 'zh-CN': '转办单位', en: 'Transfer to' },
  extraDays: { 'zh-CN': '延期工作日', en: 'Extra working days' },
  variables: { 'zh-CN': '流程变量', en: 'Process variables' },
  variableName: { 'zh-CN': '变量名', en: 'Name' },
  variableValue: { 'zh-CN': '值（JSON 或文本）', en: 'Value (JSON or text)' },
  addVariable: { 'zh-CN': '添加变量', en: 'Add a variable' },
  openCase: { 'zh-CN': '查看案件', en: 'Open the case' },
  cases: { 'zh-CN': '案件', en: 'Cases' },
  caseNo: { 'zh-CN': '案件编号', en: 'Case number' },
  status: { 'zh-CN': '状态', en: 'Status' },
  level: { 'zh-CN': '当前层级', en: 'Level' },
  reporter: { 'zh-CN': '上报人', en: 'Reporter' },
  timeline: { 'zh-CN': '办理过程', en: 'Timeline' },
  diagram: { 'zh-CN': '流程图', en: 'Diagram' },
  currentSteps: { 'zh-CN': '当前环节', en: 'Current steps' },
  legendCurrent: { 'zh-CN': '当前环节', en: 'Current step' },
  legendDone: { 'zh-CN': '已完成路径', en: 'Path taken' },
  back: { 'zh-CN': '返回', en: 'Back' },
  version: { 'zh-CN': '版本', en: 'Version' },
  'status.OPEN': { 'zh-CN': '办理中', en: 'Open' },
  'status.ARCHIVED': { 'zh-CN': '已归档', en: 'Archived' },
  'level.GRID': { 'zh-CN': '网格', en: 'Grid' },
  'level.COMMUNITY': { 'zh-CN': '社区', en: 'Community' },
  'level.STREET': { 'zh-CN': '街道', en: 'Street' },
  'level.DISTRICT': { 'zh-CN': '区', en: 'District' },
  'action.reported': { 'zh-CN': '事件上报', en: 'Reported' },
  'action.dispatched': { 'zh-CN': '分拨至承办单位', en: 'Dispatched' },
  'action.escalated': { 'zh-CN': '本级无法解决，上报上一级', en: 'Escalated (cannot resolve here)' },
  'action.escalated-overdue': { 'zh-CN': '红色超时，自动上报上一级', en: 'Escalated (red deadline passed)' },
  'action.extended': { 'zh-CN': '延期获批', en: 'Extension granted' },
  'action.archived': { 'zh-CN': '归档', en: 'Archived' },
  'action.reopened': { 'zh-CN': '重办', en: 'Reopened' },
  'action.completed': { 'zh-CN': '办理完成：', en: 'Completed: ' },
  'action.delegated': { 'zh-CN': '委派', en: 'Delegated' },
  'action.delegation-resolved': { 'zh-CN': '受托人办毕交回', en: 'Given back by the delegate' },
  delegate: { 'zh-CN': '委派', en: 'Delegate' },
  resolve: { 'zh-CN': '办毕交回', en: 'Give back' },
  delegateTo: { 'zh-CN': '委派给', en: 'Delegate to' },
  delegatedBy: {
    'zh-CN': '由 {name} 委派给您，办毕请交回',
    en: 'Delegated to you by {name}; give it back when done',
  },
  delegatedTag: { 'zh-CN': '委派中', en: 'Delegated' },
  result: { 'zh-CN': '办理结果（必填）', en: 'What you did (required)' },
  'done.delegate': { 'zh-CN': '已委派', en: 'Delegated' },
  'done.resolve': { 'zh-CN': '已交回', en: 'Given back' },
  handledBy: { 'zh-CN': '办理人', en: 'By' },
  recall: { 'zh-CN': '收回委派', en: 'Take back' },
  'done.recall': { 'zh-CN': '已收回', en: 'Taken back' },
  'action.delegation-recalled': { 'zh-CN': '委派人收回', en: 'Taken back by the delegator' },
  'outcome.resolved': { 'zh-CN': '已解决', en: 'Resolved' },
  'outcome.cannotResolve': { 'zh-CN': '本级无法解决', en: 'Cannot resolve here' },
  'outcome.return': { 'zh-CN': '退回', en: 'Returned' },
  'outcome.transfer': { 'zh-CN': '转办', en: 'Transferred' },
  'outcome.extension': { 'zh-CN': '申请延期', en: 'Asked for more time' },
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof messages;

export const I18nContext = createContext<{ locale: Locale; setLocale: (l: Locale) => void }>({
  locale: 'zh-CN',
  setLocale: () => undefined,
});

/** The message in the user's language, `{name}` placeholders filled from `values`. */
export function useT() {
  const { locale } = useContext(I18nContext);
  return (key: MessageKey, values: Record<string, string | number> = {}) =>
    messages[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** A message key built at run time (an API code such as a timeline action), if the app knows it. */
export const isMessageKey = (key: string): key is MessageKey => key in messages;
