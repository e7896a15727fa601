/**
 * BPMN element: service task 提醒申请司法确认 (`remind-confirm`) of `dispute-mediation`, after the
 * 司法确认期满前提醒 timer (reminderDays before the window closes).
 * Reads: disputeId, caseNo, communityId, confirmDueAt.
 * Writes: none. Notifies the community's staff (in-app and its group robots) through the
 * notifications queue that the window closes on confirmDueAt.
 * Errors: none; without the queues (a deployable wired without them) the task fails and retries.
 * Idempotent: one notice per dispute (dedupKey).
 */
import { beijingDate } from '../../../lib/china-time';
import { complete, fail, type WorkerDefinition } from '../../../workers/src/types';
import type { DisputeVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'dispute-mediation-remind-confirm',
  name: { zh: '提醒申请司法确认', en: 'Remind of judicial confirmation' },
  description: {
    zh: '司法确认申请期届满前提醒社区：当事人可在期满前向法院申请司法确认。',
    en: 'Reminds the community before the judicial-confirmation window closes.',
  },
  reads: ['disputeId', 'caseNo', 'communityId', 'confirmDueAt'],
  writes: [],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ queues }) =>
    async (task) => {
      if (!queues) return fail('no notification queues');
      const v = task.variables as unknown as DisputeVariables & { confirmDueAt: string };
      const until = beijingDate(v.confirmDueAt);
      await queues.notice({
        dedupKey: `dispute-confirm:${v.disputeId}`,
        kind: 'REMIND',
        auto: true,
        unitId: v.communityId,
        caseNo: v.caseNo,
        text: {
          title: { 'zh-CN': '司法确认提醒', en: 'Judicial confirmation reminder' },
          body: {
            'zh-CN': `${v.caseNo}：调解协议的司法确认申请期于 ${until} 届满，请提醒当事人及时申请。`,
            en: `${v.caseNo}: the window to apply for judicial confirmation of the agreement closes on ${until}.`,
          },
        },
      });
      return complete();
    },
};

export default worker;
