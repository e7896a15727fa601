import { CaseKind, TaskState } from '@prisma/client';
import { z } from 'zod';
import { instant } from '../../http/answers';

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
