/** Process variables of `petition`: ids, units and dates only; the petition's content is in PostgreSQL. */
export interface PetitionVariables {
  petitionId: string;
  caseNo: string;
  officeUnitId: string;
  decisionDueAt: string;
  decision?: 'accept' | 'reject' | 'forward' | 'assign';
  decisionReason?: string;
  targetUnitId?: string | null;
  handlerUnitId?: string | null;
  supervisorUnitId?: string | null;
  handleDueAt?: string | null;
  extensionCount?: number;
  outcome?: 'reply' | 'extension';
  extensionDays?: number;
  reason?: string;
  replyText?: string | null;
  satisfaction?: string;
  reviewLevel?: number;
  reviewUnitId?: string;
  reviewResult?: 'upheld' | 'revised';
  reviewOpinion?: string | null;
}
