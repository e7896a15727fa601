/**
 * What a person chose at a step of the event loop, in words: the choice values of its forms
 * (processes/event-handling-*.form and the 退回/转办/延期 actions) as the case timeline, the 已办
 * list and the 办理单 say them. Pure data: the web app and the API read it.
 */
import type { Localized } from '../../lib/i18n';

export const EVENT_CHOICES = {
  outcome: {
    resolved: { 'zh-CN': '已解决', en: 'Resolved' },
    cannotResolve: { 'zh-CN': '本级无法解决', en: 'Cannot resolve here' },
    return: { 'zh-CN': '退回', en: 'Returned' },
    transfer: { 'zh-CN': '转办', en: 'Transferred' },
    extension: { 'zh-CN': '申请延期', en: 'Asked for more time' },
  },
  verified: {
    true: { 'zh-CN': '核查通过', en: 'Verified' },
    false: { 'zh-CN': '核查不通过', en: 'Not verified' },
  },
  satisfaction: {
    satisfied: { 'zh-CN': '满意', en: 'Satisfied' },
    basic: { 'zh-CN': '基本满意', en: 'Fairly satisfied' },
    dissatisfied: { 'zh-CN': '不满意', en: 'Dissatisfied' },
  },
  extensionApproved: {
    true: { 'zh-CN': '同意延期', en: 'Extension approved' },
    false: { 'zh-CN': '不同意延期', en: 'Extension refused' },
  },
} satisfies Record<string, Record<string, Localized>>;

/** The words of the choices a completion recorded (its timeline detail), in the order above. */
export function choiceWords(detail: Record<string, unknown>): Localized[] {
  return Object.entries(EVENT_CHOICES).flatMap(([field, words]) => {
    const value = detail[field];
    const word =
      typeof value === 'string' || typeof value === 'boolean'
        ? (words as Record<string, Localized>)[String(value)]
        : undefined;
    return word ? [word] : [];
  });
}
