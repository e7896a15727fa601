/**
 * 块数据 review (processes/base-data-review.bpmn): a grid member's change to the address base, or
 * a resident's self-declaration through a building's QR page, waits for its community's review;
 * approval makes it fact (loops/base-data/base-changes.ts), rejection keeps it in the history only.
 */
import { defineLoop } from '../../lib/loop';

export const baseDataLoop = defineLoop({
  key: 'base-data',
  processId: 'base-data-review',
  name: { 'zh-CN': '基础数据审核', en: 'Address base review' },
  caseVariable: 'changeId',
  protectedVariables: ['changeId', 'communityId', 'entity', 'action', 'source', 'summary'],
  // No statutory clock: the community's review time is a designer's SLA row, like any step's.
  clocks: {},
});
