/**
 * 办理单: a case as a printable document (lib/pdf) — its facts, where it stands, and every step
 * of its timeline with unit, person and reason. zh-CN, as it is filed.
 */
import { beijingTimestamp } from '../../../lib/china-time';
import type { PdfDocumentSpec } from '../../../lib/pdf';
import { choiceWords } from '../choices';
import type { EventsService } from './events.service';

type CaseView = Awaited<ReturnType<EventsService['caseView']>>;

const ACTIONS: Record<string, string> = {
  reported: '事件上报',
  dispatched: '分拨至承办单位',
  escalated: '本级无法解决，上报上一级',
  'escalated-overdue': '红色超时，自动上报上一级',
  extended: '延期获批',
  verifierRaised: '核查与回访交上一级（四眼原则）',
  archived: '归档',
  reopened: '重办',
  'reopen-requested': '申请重办',
  supervised: '督办/催办',
  delegated: '委派',
  'delegation-resolved': '受托人办毕交回',
  'delegation-recalled': '委派人收回',
  return: '退回',
  transfer: '转办',
  extension: '申请延期',
};
const CARD: Record<string, string> = { REMIND: '催办', NORMAL: '督办', YELLOW: '黄牌督办', RED: '红牌督办' };
const STATUS: Record<string, string> = { OPEN: '办理中', ARCHIVED: '已归档' };
const LEVEL: Record<string, string> = { GRID: '网格', COMMUNITY: '社区', STREET: '街道', DISTRICT: '区' };

const time = beijingTimestamp;

function actionText(action: string, detail: Record<string, unknown>) {
  if (action.startsWith('completed:'))
    return `办理完成：${typeof detail.step === 'string' ? detail.step : action.slice('completed:'.length)}`;
  if (action === 'supervised' && typeof detail.kind === 'string') return CARD[detail.kind] ?? action;
  return ACTIONS[action] ?? action;
}

/** What was decided, in words, then what the person wrote. */
function detailText(detail: Record<string, unknown>) {
  return [
    ...choiceWords(detail).map((words) => words['zh-CN']),
    ...['reason', 'result', 'comment', 'verifyComment', 'extensionComment'].map((k) => detail[k]),
  ]
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .join('；');
}

export function caseSheet(view: CaseView, printedAt = new Date()): PdfDocumentSpec {
  const { event, units, people } = view;
  const location =
    event.latitude !== null && event.longitude !== null
      ? `${event.latitude.toFixed(6)}, ${event.longitude.toFixed(6)}（WGS-84）`
      : '';
  return {
    title: '事件办理单',
    subtitle: `案件编号 ${event.caseNo}  打印时间 ${time(printedAt)}`,
    footer: `智治 · ${event.caseNo}`,
    sections: [
      {
        heading: '事件信息',
        fields: [
          ['案件编号', event.caseNo],
          ['事件类别', event.category?.name ?? event.categoryCode],
          ['紧急程度', event.urgency === 'URGENT' ? '紧急' : '一般'],
          ['状态', STATUS[event.status] ?? event.status],
          ['当前层级', LEVEL[event.level] ?? event.level],
          ['所在网格', units[event.gridId] ?? event.gridId],
          ['地址', event.address],
          ['位置', location],
          ['上报人', event.reporterName ?? ''],
          ['上报时间', time(event.createdAt)],
          ['事件描述', event.description],
          ['附件', view.files.flatMap((f) => (f.field ? [] : [f.name])).join('、')],
          ['处置后照片', view.files.flatMap((f) => (f.field === 'afterPhotos' ? [f.name] : [])).join('、')],
        ],
      },
      {
        heading: '当前环节',
        table: {
          columns: [
            { title: '环节', width: 2 },
            { title: '承办单位', width: 3 },
            { title: '签收人', width: 2 },
            { title: '期限', width: 3 },
          ],
          rows: view.currentSteps.map((s) => [
            s.name,
            (s.unitId && units[s.unitId]) || s.unitId || '',
            (s.assignee && people[s.assignee]) || '',
            s.dueDate ? time(s.dueDate) : '',
          ]),
        },
      },
      {
        heading: '办理过程',
        table: {
          columns: [
            { title: '时间', width: 3 },
            { title: '办理', width: 3 },
            { title: '单位', width: 3 },
            { title: '办理人', width: 2 },
            { title: '说明', width: 4 },
          ],
          rows: view.timeline.map((e) => {
            const detail = (e.detail ?? {}) as Record<string, unknown>;
            return [
              time(e.at),
              actionText(e.action, detail),
              (e.unitId && units[e.unitId]) || e.unitId || '',
              (e.actorId && people[e.actorId]) || '',
              detailText(detail),
            ];
          }),
        },
      },
    ],
  };
}
