import type { Localized } from '../../../web/src/i18n';

/** The warning pages' texts, part of the app's one message table (web/src/i18n.ts). */
export const warningMessages = {
  warnings: { 'zh-CN': '预警研判', en: 'Early warnings' },
  warningRule: { 'zh-CN': '规则', en: 'Rule' },
  warningPlace: { 'zh-CN': '地点', en: 'Place' },
  warningWindow: { 'zh-CN': '时间窗', en: 'Window' },
  warningCount: { 'zh-CN': '件数 / 阈值', en: 'Events / threshold' },
  warningStatus: { 'zh-CN': '研判', en: 'Review' },
  'warning.OPEN': { 'zh-CN': '待研判', en: 'To review' },
  'warning.DISMISSED': { 'zh-CN': '已排除', en: 'Dismissed' },
  'warning.CASE_OPENED': { 'zh-CN': '已立案', en: 'Case opened' },
  warningCases: { 'zh-CN': '相关案件', en: 'Cases behind it' },
  warningReason: { 'zh-CN': '研判意见', en: 'Reasoning' },
  evaluateNow: { 'zh-CN': '立即研判规则', en: 'Evaluate the rules now' },
  warningsCreated: { 'zh-CN': '新增预警 {n} 条', en: '{n} new warnings' },
  openedCase: { 'zh-CN': '立案案件', en: 'Opened case' },
} satisfies Record<string, Localized>;
