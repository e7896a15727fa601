import type { Localized } from '../i18n';

/** The supervision pages' texts, part of the app's one message table (web/src/i18n.ts). */
export const supervisionMessages = {
  supervision: { 'zh-CN': '督办', en: 'Supervision' },
  overdueByUnit: { 'zh-CN': '各单位超期情况', en: 'Overdue by unit' },
  overdueHeat: { 'zh-CN': '超期热力图', en: 'Overdue heat map' },
  overdueTasks: { 'zh-CN': '超期任务', en: 'Overdue tasks' },
  yellowCount: { 'zh-CN': '黄色超期', en: 'Past yellow' },
  redCount: { 'zh-CN': '红色超期', en: 'Past red' },
  lt1d: { 'zh-CN': '不足1天', en: '< 1 day' },
  d1to3: { 'zh-CN': '1–3天', en: '1–3 days' },
  d3to7: { 'zh-CN': '3–7天', en: '3–7 days' },
  gt7d: { 'zh-CN': '7天以上', en: '> 7 days' },
  drillDown: { 'zh-CN': '下钻', en: 'Drill down' },
  issueCard: { 'zh-CN': '督办/催办', en: 'Supervise' },
  cardKind: { 'zh-CN': '类型', en: 'Kind' },
  REMIND: { 'zh-CN': '催办', en: 'Reminder' },
  NORMAL: { 'zh-CN': '督办', en: 'Supervision' },
  YELLOW: { 'zh-CN': '黄牌督办', en: 'Yellow card' },
  RED: { 'zh-CN': '红牌督办', en: 'Red card' },
  'action.supervised': { 'zh-CN': '督办', en: 'Supervised' },
  autoCard: { 'zh-CN': '超时自动督办', en: 'raised by the deadline' },
  cardIssued: { 'zh-CN': '已督办，承办人已收到通知', en: 'Issued; the handler has been notified' },
  notifications: { 'zh-CN': '消息', en: 'Notifications' },
  markAllRead: { 'zh-CN': '全部已读', en: 'Mark all read' },
  noNotifications: { 'zh-CN': '暂无消息', en: 'No notifications' },
  noOverdue: { 'zh-CN': '暂无超期任务', en: 'Nothing overdue' },
} satisfies Record<string, Localized>;
