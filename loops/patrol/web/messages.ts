import type { Localized } from '../../../web/src/i18n';

/** The patrol pages' texts, part of the app's one message table (web/src/i18n.ts). */
export const patrolMessages = {
  patrol: { 'zh-CN': '巡查打点', en: 'Patrol' },
  patrols: { 'zh-CN': '巡查情况', en: 'Patrols' },
  startPatrol: { 'zh-CN': '开始巡查', en: 'Start patrol' },
  endPatrol: { 'zh-CN': '结束巡查', en: 'End patrol' },
  patrolUnderWay: {
    'zh-CN': '巡查中：已上传 {n} 个位置，{m} 米',
    en: 'Patrolling: {n} positions sent, {m} m',
  },
  patrolQueued: {
    'zh-CN': '{n} 个位置待上传（离线时保存在本机）',
    en: '{n} positions waiting to be sent (kept on the phone offline)',
  },
  patrolNoPosition: { 'zh-CN': '无法获取位置，请允许定位', en: 'No position: allow location access' },
  buildingCodeInput: { 'zh-CN': '楼栋码（扫码或输入）', en: 'Building code (scan or type)' },
  scanCode: { 'zh-CN': '扫码', en: 'Scan' },
  checkInByCode: { 'zh-CN': '扫码打点', en: 'Check in by code' },
  checkInHere: { 'zh-CN': '按位置打点', en: 'Check in here' },
  checkedIn: { 'zh-CN': '已打点：{name}', en: 'Checked in: {name}' },
  checkIns: { 'zh-CN': '打点', en: 'Check-ins' },
  patrolNote: { 'zh-CN': '巡查记录', en: 'Note' },
  addNote: { 'zh-CN': '保存记录', en: 'Save note' },
  noteSaved: { 'zh-CN': '记录已保存', en: 'Note saved' },
  reportProblem: { 'zh-CN': '发现问题', en: 'Report a problem' },
  patrolEnded: {
    'zh-CN': '巡查已结束：{n} 个位置，{m} 米，打点 {c} 处',
    en: 'Patrol ended: {n} positions, {m} m, {c} check-ins',
  },
  patrolMember: { 'zh-CN': '网格员', en: 'Grid member' },
  patrolStarted: { 'zh-CN': '开始', en: 'Started' },
  patrolEndedAt: { 'zh-CN': '结束', en: 'Ended' },
  patrolDistance: { 'zh-CN': '里程（米）', en: 'Distance (m)' },
  patrolPoints: { 'zh-CN': '位置数', en: 'Positions' },
  notPatrolled: { 'zh-CN': '今日未巡查', en: 'Not patrolled' },
  everyonePatrolled: { 'zh-CN': '全部已巡查', en: 'Everyone has patrolled' },
  noPatrols: { 'zh-CN': '当日无巡查', en: 'No patrols that day' },
  patrolOngoing: { 'zh-CN': '进行中', en: 'Under way' },
} satisfies Record<string, Localized>;
