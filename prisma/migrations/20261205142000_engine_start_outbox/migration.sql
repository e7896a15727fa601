-- The outbox of case starts (lib/engine-starts.ts).
CREATE TABLE "EngineStart" (
    "id" TEXT NOT NULL,
    "caseKind" "CaseKind" NOT NULL,
    "caseId" TEXT NOT NULL,
    "processKey" TEXT NOT NULL,
    "businessKey" TEXT NOT NULL,
    "variables" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "startedAt" TIMESTAMP(3),
    "refusedAt" TIMESTAMP(3),
    "processInstanceId" TEXT,

    CONSTRAINT "EngineStart_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "EngineStart_caseId_key" ON "EngineStart"("caseId");

CREATE INDEX "EngineStart_startedAt_refusedAt_createdAt_idx" ON "EngineStart"("startedAt", "refusedAt", "createdAt");
