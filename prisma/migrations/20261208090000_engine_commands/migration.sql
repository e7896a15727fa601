-- The outbox of engine changes to running instances (lib/engine-commands.ts).
CREATE TABLE "EngineCommand" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "processInstanceId" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "doneAt" TIMESTAMP(3),
    "refusedAt" TIMESTAMP(3),

    CONSTRAINT "EngineCommand_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "EngineCommand_doneAt_refusedAt_createdAt_idx" ON "EngineCommand"("doneAt", "refusedAt", "createdAt");

CREATE INDEX "EngineCommand_processInstanceId_createdAt_idx" ON "EngineCommand"("processInstanceId", "createdAt");
