-- Tasks of designers' processes the feed wrote before PROCESS existed: their instance is their case.
-- (A separate migration: a new enum value cannot be used in the transaction that added it.)
UPDATE "InboxTask" SET "caseKind" = 'PROCESS', "caseId" = "processInstanceId"
WHERE "caseKind" IS NULL AND "caseId" IS NULL;
