import { CaseKind, TaskShareKind, TaskState } from '@prisma/client';
import { z } from 'zod';
import { instant, listOf, paged } from '../../http/answers';

/** An inbox row's columns (its variables left out), as the inbox and supervision lists answer them. */
export const inboxTaskRow = z.object({
  key: z.string(),
  processInstanceId: z.string(),
  processDefinitionId: z.string(),
  bpmnProcessId: z.string(),
  elementId: z.string(),
  name: z.string(),
  candidateGroups: z.array(z.string()),
  assignee: z.string().nullable(),
  owner: z.string().nullable(),
  orgId: z.string().nullable(),
  orgPath: z.string().nullable(),
  category: z.string().nullable(),
  caseKind: z.enum(CaseKind).nullable(),
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  priority: z.number(),
  state: z.enum(TaskState),
  dueDate: instant.nullable(),
  redAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
  completedAt: instant.nullable(),
  completedById: z.string().nullable(),
  withdrawnAt: instant.nullable(),
  claimedAt: instant.nullable(),
  delegatedById: z.string().nullable(),
  /** Feed positions (bigint as text). */
  feedSeq: z.string(),
  assigneeSeq: z.string(),
  syncedAt: instant.nullable(),
});

/** 督办/催办 cards a case already has, by kind. */
export const cardCounts = z.object({
  REMIND: z.number(),
  NORMAL: z.number(),
  YELLOW: z.number(),
  RED: z.number(),
  total: z.number(),
});

/** What a person may do with a task (GET /api/tasks/:key's `actions`). */
export const taskActionName = z.enum([
  'complete',
  'return',
  'transfer',
  'extension',
  'delegate',
  'resolve',
  'recall',
  'claim',
  'unclaim',
  /** 抄送, 加签 (ask), 会签 (sign as a co-signer), 撤回 (take one's completion back). */
  'copy',
  'cosign',
  'cancelCosign',
  'sign',
  'withdraw',
  /** 准予例外: allow a person four eyes bars to do this task (a supervisor, as the loop says). */
  'permit',
]);
export type TaskActionName = z.infer<typeof taskActionName>;
/** Why a task offers nothing to this person. */
export const readOnlyReason = z.enum([
  'closed',
  'claimedByOther',
  'fourEyes',
  'fourEyesReporter',
  'notYours',
  /** Shared with the caller (抄送, or 加签 already signed): to read. */
  'copied',
]);
export type ReadOnlyReason = z.infer<typeof readOnlyReason>;

const deadline = {
  deadlineState: z.enum(['onTime', 'yellow', 'red']).nullable(),
  /** Working days left on the Chinese working calendar, counted by the server. */
  workingDaysLeft: z.number().nullable(),
};

/** The case a task works on, as its loop puts it on a card (api/src/modules/inbox/case-cards.ts). */
export const caseCard = z.object({
  kind: z.enum(CaseKind),
  id: z.string(),
  /** Where the case opens in the web app. */
  path: z.string(),
  title: z.string(),
  urgent: z.boolean(),
  /** Labelled facts by key (the web words the label); a text, or a time the web shows in local time. */
  facts: z.array(
    z.object({
      key: z.enum([
        'category',
        'address',
        'person',
        'risk',
        'nextFollowUp',
        'parties',
        'stage',
        'stageDue',
        'petitioner',
        'decisionDue',
        'handleDue',
        'enterprise',
        'grade',
        'matters',
        'proposedBy',
      ]),
      text: z.string().nullable(),
      at: instant.nullable(),
    }),
  ),
});
/** A card as a loop builds it: times as dates (the answer carries them as ISO text). */
/** A photo, video or file of a task's case: `url` opens it (null: named by a reference kept elsewhere). */
export const caseFile = z.object({
  name: z.string(),
  url: z.string().nullable(),
  /** The stored file's type (image/…, video/…); null for a reference. */
  contentType: z.string().nullable(),
  /** The step's photo field that brought it (afterPhotos: 处置后照片); null: the case's own. */
  field: z.string().nullable(),
});
export type CaseFile = z.infer<typeof caseFile>;

export type CaseCard = Omit<z.infer<typeof caseCard>, 'facts'> & {
  facts: (Omit<z.infer<typeof caseCard>['facts'][number], 'at'> & { at: Date | null })[];
};

export const inboxAnswer = paged(
  inboxTaskRow.extend({
    ...deadline,
    unitName: z.string().nullable(),
    assigneeName: z.string().nullable(),
    eventId: z.string().nullable(),
    caseCard: caseCard.nullable(),
    /** 催办/督办 and yellow/red cards the case has had, by kind. */
    cards: z.record(z.string(), z.number()),
    /** 已办: what the person chose (the outcome of 处置, 核查 passed or not). */
    outcome: z.object({ outcome: z.string().nullable(), verified: z.boolean().nullable() }).nullable(),
  }),
);

export const taskAnswer = inboxTaskRow.extend({
  ...deadline,
  eventId: z.string().nullable(),
  disputeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  delegatedByName: z.string().nullable(),
  actions: z.array(taskActionName),
  readOnlyReason: readOnlyReason.nullable(),
  /** The earlier step of the case the caller did, when four eyes bars them from this one. */
  barredBy: z.string().nullable(),
  /**
   * For a caller who may allow an exception (准予例外): whom four eyes bar from this task (the
   * earlier step they did, null for the reporter) and whether they are allowed it; null for others.
   */
  separation: z
    .array(
      z.object({ userId: z.string(), name: z.string(), step: z.string().nullable(), permitted: z.boolean() }),
    )
    .nullable(),
  /** Whether the task's process has no page of its own: its case is the generic instance page. */
  genericCase: z.boolean(),
  caseCard: caseCard.nullable(),
  /** The case's photos and files, whatever the loop (the drawer shows them beside the card). */
  files: z.array(caseFile),
  /** 抄送 and 加签 of the task: to whom, by whom, read or signed, with the co-signers' opinions. */
  shares: z.array(
    z.object({
      kind: z.enum(TaskShareKind),
      fromName: z.string(),
      toName: z.string(),
      note: z.string().nullable(),
      opinion: z.string().nullable(),
      createdAt: instant,
      doneAt: instant.nullable(),
    }),
  ),
});

/** 抄送/加签 sent: how many people it added (0: they all had it already). */
export const shareAnswer = z.object({ created: z.number(), unchanged: z.number() });
export const signAnswer = z.object({ signed: z.boolean() });
export const cancelCosignAnswer = z.object({ cancelled: z.number() });
/** 准予例外 recorded: 1, or 0 when the person was already allowed. */
export const permitAnswer = z.object({ created: z.number() });

/** 抄送我的 / 待我会签. */
export const receivedAnswer = paged(
  z.object({
    id: z.string(),
    kind: z.enum(TaskShareKind),
    taskKey: z.string(),
    fromName: z.string(),
    note: z.string().nullable(),
    opinion: z.string().nullable(),
    createdAt: instant,
    doneAt: instant.nullable(),
    taskName: z.string(),
    taskState: z.enum(TaskState),
    caseNo: z.string().nullable(),
    caseKind: z.enum(CaseKind).nullable(),
    caseId: z.string().nullable(),
    bpmnProcessId: z.string(),
    dueDate: instant.nullable(),
  }),
);

export const stepsAnswer = listOf(
  z.object({ bpmnProcessId: z.string(), elementId: z.string(), name: z.string(), count: z.number() }),
);
export const processNamesAnswer = listOf(
  z.object({ bpmnProcessId: z.string(), version: z.number(), name: z.string() }),
);
/** The step's deployed Camunda Form (null when it has none) and the values it opens with. */
export const formAnswer = z.object({
  formId: z.string().nullable(),
  schema: z.record(z.string(), z.unknown()).nullable(),
  variables: z.record(z.string(), z.unknown()),
});
