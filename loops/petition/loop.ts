/**
 * The petition loop (信访, processes/petition.bpmn), declared once: the statutory clocks of the
 * 2022 信访工作条例, in statutory days (a last day that falls on a holiday rolls over to the next
 * working day: lib/calendar.ts `addStatutoryDays`). The API's clocks and limits, the workers' due
 * dates and the web's clock labels all read these numbers; nothing else repeats them.
 *
 * Pure data, so the web app imports it too.
 */
export const petitionClocks = {
  /** 受理: whether the petition is accepted is decided within this many days of its receipt. */
  decision: 15,
  /** 办理: an accepted petition is handled within this many days of the decision. */
  handling: 60,
  /** 延期: one extension, approved by the level above the handler, of at most this many days. */
  extensionMax: 30,
  /** 复查申请: the petitioner may ask for a review within this many days of the written reply. */
  reviewRequest: 30,
  /** 复查 and 复核: the review (and the re-check after it) is decided within this many days. */
  review: 30,
};
