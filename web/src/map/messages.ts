import type { Localized } from '../i18n';

/** The map's and the command-centre screen's texts, part of the app's one message table (web/src/i18n.ts). */
export const mapMessages = {
  map: { 'zh-CN': '一图感知', en: 'Map' },
  screen: { 'zh-CN': '指挥大屏', en: 'Command screen' },
  deadline: { 'zh-CN': '时限', en: 'Deadline' },
  'deadline.onTime': { 'zh-CN': '正常', en: 'On time' },
  'deadline.yellow': { 'zh-CN': '黄色预警', en: 'Past yellow' },
  'deadline.red': { 'zh-CN': '红色超期', en: 'Past red' },
  'deadline.none': { 'zh-CN': '无在办环节', en: 'No open step' },
  timeRange: { 'zh-CN': '上报时间', en: 'Reported' },
  'map.overdueHeat': { 'zh-CN': '超期热力', en: 'Overdue heat' },
  openCases: { 'zh-CN': '在办案件', en: 'Open cases' },
  unlocated: {
    'zh-CN': '{n} 件无位置，标在所属网格中心（空心点）',
    en: "{n} without a location, drawn hollow at their grid's centre",
  },
  unplaced: {
    'zh-CN': '{n} 件无位置且网格无边界，未上图',
    en: '{n} without a location in grids without a boundary, not drawn',
  },
  truncated: { 'zh-CN': '仅显示最新 5000 件', en: 'Showing the newest 5,000' },
  noBaseMap: { 'zh-CN': '无底图（仅网格边界）', en: 'No base map (grid boundaries only)' },
  keyPersons: { 'zh-CN': '重点人员', en: 'Key persons' },
  clickGrid: {
    'zh-CN': '点击网格查看在办案件，点击案件点位打开案件',
    en: 'Click a grid for its open cases, a case point to open it',
  },
  legend: { 'zh-CN': '图例', en: 'Legend' },
  cluster: { 'zh-CN': '聚合（数字为件数）', en: 'Cluster (number of cases)' },
  close: { 'zh-CN': '关闭', en: 'Close' },
  exitScreen: { 'zh-CN': '退出大屏', en: 'Exit' },
  screenTitle: { 'zh-CN': '{unit}社会治理指挥中心', en: '{unit} governance command centre' },
  todayEvents: { 'zh-CN': '今日事件', en: 'Today' },
  todayByState: { 'zh-CN': '今日事件（按状态）', en: 'Today by state' },
  todayByCategory: { 'zh-CN': '今日事件（按类别）', en: 'Today by category' },
  todayByLevel: { 'zh-CN': '今日事件（按层级）', en: 'Today by level' },
  openNow: { 'zh-CN': '在办', en: 'Open' },
  ranking: {
    'zh-CN': '辖区排名（近30天办结率，超期少者靠前）',
    en: 'Ranking (30-day closure, fewest overdue first)',
  },
  closedRate: { 'zh-CN': '办结率', en: 'Closed' },
  trend30: { 'zh-CN': '近30天趋势', en: 'Last 30 days' },
  reportedSeries: { 'zh-CN': '上报', en: 'Reported' },
  archivedSeries: { 'zh-CN': '办结', en: 'Closed' },
  refreshedAt: { 'zh-CN': '更新于 {time}', en: 'Updated {time}' },
} satisfies Record<string, Localized>;
