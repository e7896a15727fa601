-- The engine is now Operaton. Rows that point at Zeebe keys (tasks, instances, deployed
-- versions, and the cases and cards built on them) cannot be carried over: there is no
-- production data, so they are dropped. Columns named after Zeebe keys are renamed for what
-- they hold now (engine ids).
TRUNCATE "InboxTask", "Event", "TimelineEntry", "SupervisionCard", "Notification",
  "ProcessDefinition", "DecisionDefinition", "AssessmentRun", "AssessmentScore", "AssessmentItem", "CaseCounter";

-- Forms are read from the engine's deployment (GET /task/{id}/deployed-form).
DROP TABLE "FormDefinition";

ALTER TABLE "AssessmentRun" RENAME COLUMN "processInstanceKey" TO "processInstanceId";

ALTER TABLE "DecisionDefinition" RENAME COLUMN "key" TO "id";

ALTER TABLE "ProcessDefinition" RENAME COLUMN "key" TO "id";

ALTER TABLE "Event" RENAME COLUMN "processInstanceKey" TO "processInstanceId";
ALTER TABLE "Event" RENAME COLUMN "processDefinitionKey" TO "processDefinitionId";
ALTER INDEX "Event_processInstanceKey_key" RENAME TO "Event_processInstanceId_key";

ALTER TABLE "InboxTask" RENAME COLUMN "processInstanceKey" TO "processInstanceId";
ALTER TABLE "InboxTask" RENAME COLUMN "processDefinitionKey" TO "processDefinitionId";
ALTER INDEX "InboxTask_processInstanceKey_idx" RENAME TO "InboxTask_processInstanceId_idx";
ALTER TABLE "InboxTask" DROP COLUMN "elementInstanceKey",
  DROP COLUMN "formKey",
  ADD COLUMN "owner" TEXT,
  ADD COLUMN "feedSeq" TEXT NOT NULL DEFAULT '0',
  ADD COLUMN "syncedAt" TIMESTAMP(3);
