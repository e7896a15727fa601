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
  noForm: { 'zh-CN': '此任务没有表单，可直接完成', en: 'This task has no form; complete it directly' },
  rankings: { 'zh-CN': '考评排名', en: 'Rankings' },
  period: { 'zh-CN': '考核周期', en: 'Period' },
  runAssessment: { 'zh-CN': '按需考评', en: 'Run assessment' },
  runStarted: { 'zh-CN': '已启动考评，稍后刷新查看', en: 'Assessment started; refresh shortly' },
  refresh: { 'zh-CN': '刷新', en: 'Refresh' },
  street: { 'zh-CN': '街道', en: 'Streets' },
  community: { 'zh-CN': '社区', en: 'Communities' },
  department: { 'zh-CN': '职能部门', en: 'Departments' },
  rank: { 'zh-CN': '排名', en: 'Rank' },
  score: { 'zh-CN': '得分', en: 'Score' },
  response: { 'zh-CN': '签收及时率', en: 'Claimed in time' },
  solvedOnTime: { 'zh-CN': '按期办结率', en: 'Solved on time' },
  satisfaction: { 'zh-CN': '满意率', en: 'Satisfaction' },
  rework: { 'zh-CN': '回退/重办', en: 'Rework' },
  yellowCards: { 'zh-CN': '黄牌', en: 'Yellow cards' },
  redCards: { 'zh-CN': '红牌', en: 'Red cards' },
  trend: { 'zh-CN': '得分趋势', en: 'Score trend' },
  closed: { 'zh-CN': '已封账', en: 'Closed' },
  provisional: { 'zh-CN': '未封账（暂定）', en: 'Open (provisional)' },
  noRuns: { 'zh-CN': '暂无考评结果', en: 'No assessment results yet' },
  casesBehind: { 'zh-CN': '明细案件', en: 'Cases behind the figure' },
  caseNo: { 'zh-CN': '案件编号', en: 'Case number' },
  counted: { 'zh-CN': '计入', en: 'Counts' },
  time: { 'zh-CN': '时间', en: 'Time' },
  hit: { 'zh-CN': '达标/计分', en: 'Hit' },
  miss: { 'zh-CN': '未达标', en: 'Miss' },
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
