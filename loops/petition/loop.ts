/**
 * The petition loop (信访, processes/petition.bpmn) under the 2022 信访工作条例. Its clocks count
 * statutory days: the API's case clocks, the workers' due dates, the notices' wording and the web's
 * clock labels all read them here.
 */
import { defineLoop } from '../../lib/loop';

export const petitionLoop = defineLoop({
  key: 'petition',
  processId: 'petition',
  name: { 'zh-CN': '信访', en: 'Petitions' },
  caseVariable: 'petitionId',
  protectedVariables: [
    'petitionId',
    'caseNo',
    'officeUnitId',
    'handlerUnitId',
    'supervisorUnitId',
    'decisionDueAt',
    'handleDueAt',
    'extensionCount',
    'reviewLevel',
    'reviewUnitId',
    'reviewDueAt',
    'reviewRequestUntil',
  ],
  clocks: {
    /** 受理: whether the petition is accepted is decided within this many days of its receipt. */
    decision: { days: 15, counting: 'statutory' },
    /** 办理: an accepted petition is handled within this many days of the decision (Art. 32). */
    handling: { days: 60, counting: 'statutory' },
    /** 复查申请: the petitioner may ask for a review within this many days of the written reply (Art. 35). */
    reviewRequest: { days: 30, counting: 'statutory' },
    /** 复查 and 复核: the review (and the re-check after it) is decided within this many days (Art. 35, 36). */
    review: { days: 30, counting: 'statutory' },
  },
  // 延期 is approved by the level above (Art. 32), never by whoever asked for it; the petitioner's
  // evaluation (满意度评价, scored as 群众满意率) and 复查/复核 are never recorded by whoever handled it.
  separation: { 'approve-extension': ['handle'], satisfaction: ['handle'], review: ['handle'] },
  separationOverride: { roles: ['SUPERVISOR'] },
  limits: {
    /** 延期: one extension, approved by the level above the handler, of at most this many days (Art. 32). */
    extensionMax: 30,
  },
  // 告知书 and 意见书 are numbered like any paper an office sends: 深宝信访〔2026〕12号.
  papers: { numberPattern: '{prefix}〔{year}〕{seq}号' },
});
