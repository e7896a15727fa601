-- CreateEnum
CREATE TYPE "CaseKind" AS ENUM ('EVENT', 'DISPUTE', 'PETITION', 'PERSON');

-- AlterTable
ALTER TABLE "InboxTask" ADD COLUMN     "caseId" TEXT,
ADD COLUMN     "caseKind" "CaseKind",
ADD COLUMN     "caseNo" TEXT;

-- AlterTable
ALTER TABLE "SupervisionCard" ADD COLUMN     "caseId" TEXT,
ADD COLUMN     "caseKind" "CaseKind",
ADD COLUMN     "caseNo" TEXT;

-- Backfill: the case each task works on, from its variables in lib/cases.ts's order (the
-- event first: an event handed to mediation also carries disputeId). A person has no case number.
UPDATE "InboxTask" SET
  "caseKind" = CASE
    WHEN variables->>'eventId' <> '' THEN 'EVENT'
    WHEN variables->>'disputeId' <> '' THEN 'DISPUTE'
    WHEN variables->>'petitionId' <> '' THEN 'PETITION'
    WHEN variables->>'personId' <> '' THEN 'PERSON'
  END::"CaseKind",
  "caseId" = COALESCE(NULLIF(variables->>'eventId', ''), NULLIF(variables->>'disputeId', ''),
    NULLIF(variables->>'petitionId', ''), NULLIF(variables->>'personId', ''));
UPDATE "InboxTask" SET "caseNo" = variables->>'caseNo' WHERE "caseKind" IN ('EVENT', 'DISPUTE', 'PETITION');

-- Cards: an event's from its event, the others (automatic cards on a task) from their task.
UPDATE "SupervisionCard" c SET "caseKind" = 'EVENT', "caseId" = e.id, "caseNo" = e."caseNo"
  FROM "Event" e WHERE e.id = c."eventId";
UPDATE "SupervisionCard" c SET "caseKind" = t."caseKind", "caseId" = t."caseId", "caseNo" = t."caseNo"
  FROM "InboxTask" t WHERE c."caseId" IS NULL AND t.key = c."taskKey";

-- CreateIndex
CREATE INDEX "InboxTask_caseKind_caseId_idx" ON "InboxTask"("caseKind", "caseId");

-- CreateIndex
CREATE INDEX "SupervisionCard_caseKind_caseId_idx" ON "SupervisionCard"("caseKind", "caseId");
