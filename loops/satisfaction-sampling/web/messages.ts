import type { Localized } from '../../../web/src/i18n';

/** The 民调 pages' texts, part of the app's one message table (web/src/i18n.ts). */
export const samplingMessages = {
  sampling: { 'zh-CN': '民调', en: 'Satisfaction survey' },
  samplingMonth: { 'zh-CN': '月份', en: 'Month' },
  samplingSeed: { 'zh-CN': '随机种子（留空自动生成）', en: 'Seed (empty: a new one)' },
  samplingSeedShort: { 'zh-CN': '种子', en: 'Seed' },
  samplingShare: { 'zh-CN': '抽样比例', en: 'Share' },
  samplingMin: { 'zh-CN': '每单位至少', en: 'At least per unit' },
  drawSample: { 'zh-CN': '抽样并派发回访', en: 'Draw and hand out the calls' },
  previewSample: { 'zh-CN': '预览', en: 'Preview' },
  sampleDrawn: { 'zh-CN': '已抽取 {n} 件，种子 {seed}', en: '{n} cases drawn, seed {seed}' },
  samplePreview: {
    'zh-CN': '该种子将抽取 {n} 件（共 {total} 件归档）',
    en: 'This seed draws {n} of {total} archived cases',
  },
  replaySample: { 'zh-CN': '按种子复核', en: 'Check by the seed' },
  replaySame: { 'zh-CN': '复核一致', en: 'The seed gives the same cases' },
  replayDiffers: {
    'zh-CN': '复核不一致：缺 {missing}，多 {extra}',
    en: 'Differs: {missing} missing, {extra} extra',
  },
  surveyRate: { 'zh-CN': '民调满意率', en: 'Survey satisfaction' },
  handlerRate: { 'zh-CN': '承办回访满意率', en: 'Handler’s own visit' },
  sampled: { 'zh-CN': '抽样', en: 'Sampled' },
  answered: { 'zh-CN': '已回访', en: 'Called' },
  dissatisfiedCount: { 'zh-CN': '不满意', en: 'Not satisfied' },
  reopenedCount: { 'zh-CN': '重办', en: 'Reopened' },
  draws: { 'zh-CN': '抽样记录', en: 'Draws' },
} satisfies Record<string, Localized>;
