import type { Localized } from '../../../web/src/i18n';

/** The 考评 试算's texts, part of the app's one message table (web/src/i18n.ts). */
export const assessmentMessages = {
  assessmentTrial: { 'zh-CN': '考评试算', en: 'Try the assessment' },
  assessmentTrialTitle: {
    'zh-CN': '考评试算：草稿在已算期间上的得分、排名和红黑榜',
    en: 'Assessment trial: the draft on a computed period’s scores, ranks and colours',
  },
  assessmentTrialHint: {
    'zh-CN': '按已算期间的计数重新计分，不发布、不部署，红黑榜不变。',
    en: 'Rescores a computed period’s counts; nothing is published or deployed.',
  },
  assessmentTrialWeights: { 'zh-CN': '权重：编辑器中的草稿', en: 'Weights: the draft in the editor' },
  assessmentTrialRedMin: { 'zh-CN': '红榜分数线（≥）', en: 'Red from (≥)' },
  assessmentTrialBlackBelow: { 'zh-CN': '黑榜分数线（<）', en: 'Black below (<)' },
  assessmentTrialScores: { 'zh-CN': '得分改变', en: 'Scores that change' },
  assessmentTrialColours: { 'zh-CN': '颜色改变', en: 'Colours that change' },
  assessmentTrialOnlyChanged: { 'zh-CN': '只看有变化的单位', en: 'Only units that change' },
  assessmentTrialBefore: { 'zh-CN': '现在', en: 'Now' },
  assessmentTrialAfter: { 'zh-CN': '试算后', en: 'Trial' },
  assessmentTrialBand: { 'zh-CN': '红黑榜', en: 'Red/black list' },
  assessmentTrialLevel: { 'zh-CN': '层级', en: 'Level' },
  assessmentTrialLine: {
    'zh-CN': '考评试算（{period}）：{scores} 个单位得分改变，{colours} 个单位红黑榜颜色改变。',
    en: 'Assessment trial on {period}: {scores} scores and {colours} colours change.',
  },
} satisfies Record<string, Localized>;
