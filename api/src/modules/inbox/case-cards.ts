/**
 * The case a task works on, at a glance, whatever the loop: each loop says in its own folder how
 * its cases read on a card (`loops/<loop>/api/*-card.ts`), and the inbox asks for the cards of a
 * page of tasks in one read per loop. A task of a process without a loop (a designer's) has none.
 */
import type { CaseKind } from '@prisma/client';
import type { Db } from '../../../../lib/db';
import { eventCards, eventFiles } from '../../../../loops/event-handling/api/event-card';
import { personCards, personFiles } from '../../../../loops/patient-care/api/person-card';
import { disputeCards, disputeFiles } from '../../../../loops/dispute-mediation/api/dispute-card';
import { petitionCards, petitionFiles } from '../../../../loops/petition/api/petition-card';
import { inspectionCards } from '../../../../loops/joint-inspection/api/inspection-card';
import { warningCards } from '../../../../loops/early-warning/api/warning-card';
import { baseChangeCards } from '../../../../loops/base-data/api/change-card';
import type { CaseCard } from './inbox.answers';
import type { FileReader } from './case-files';
export type CardReader = (db: Db, ids: string[]) => Promise<CaseCard[]>;
const READERS: Partial<Record<CaseKind, CardReader>> = {
  EVENT: eventCards,
  PERSON: personCards,
  DISPUTE: disputeCards,
  PETITION: petitionCards,
  JOINT_INSPECTION: inspectionCards,
  WARNING: warningCards,
  // A designer's process has no card; the base-data review, whose instance is its case, has.
  PROCESS: baseChangeCards,
};

const FILE_READERS: Partial<Record<CaseKind, FileReader>> = {
  EVENT: eventFiles,
  PERSON: personFiles,
  DISPUTE: disputeFiles,
  PETITION: petitionFiles,
};

/** The photos and files of a task's case (none for a process without a loop). */
export const caseFilesOf = (
  db: Db,
  task: { caseKind: CaseKind | null; caseId: string | null },
  who: Parameters<FileReader>[2],
) => {
  const read = task.caseKind && FILE_READERS[task.caseKind];
  return read && task.caseId ? read(db, task.caseId, who) : Promise.resolve([]);
};

/**
 * The cards whose reading in a task's drawer is a read of a sensitive record, audited as opening
 * the record would be: its audit action and subject type.
 */
export const SENSITIVE_CARDS: Partial<Record<CaseKind, { action: string; subjectType: string }>> = {
  PERSON: { action: 'patient.read', subjectType: 'Person' },
  PETITION: { action: 'petition.read', subjectType: 'Petition' },
};

const keyOf = (kind: CaseKind, id: string) => `${kind}:${id}`;

/** The cards of the tasks' cases, by `kind:id`. */
export async function caseCards(db: Db, tasks: { caseKind: CaseKind | null; caseId: string | null }[]) {
  const cards = new Map<string, CaseCard>();
  for (const [kind, read] of Object.entries(READERS) as [CaseKind, CardReader][]) {
    const ids = [...new Set(tasks.flatMap((t) => (t.caseKind === kind && t.caseId ? [t.caseId] : [])))];
    // One loop after another: a page's reads must not each take a pooled connection at once.
    if (ids.length) for (const card of await read(db, ids)) cards.set(keyOf(kind, card.id), card);
  }
  return (task: { caseKind: CaseKind | null; caseId: string | null }) =>
    task.caseKind && task.caseId ? (cards.get(keyOf(task.caseKind, task.caseId)) ?? null) : null;
}
