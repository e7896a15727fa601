import { createContext, useContext } from 'react';
import { supervisionMessages } from './supervision/messages';

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
  noForm: { 'zh-CN': '此任务没有表单，可直接完成', en: 'This task has no form; complete it directly' },
  ...supervisionMessages,
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof messages;

export const I18nContext = createContext<{ locale: Locale; setLocale: (l: Locale) => void }>({
  locale: 'zh-CN',
  setLocale: () => undefined,
});

export function useT() {
  const { locale } = useContext(I18nContext);
  return (key: MessageKey) => messages[key][locale];
}
