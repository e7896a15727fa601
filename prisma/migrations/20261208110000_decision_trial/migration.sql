-- 试算 of draft decisions (lib/decision-trial.ts).
CREATE TABLE "DecisionTrial" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "xmlHash" TEXT NOT NULL,
    "fromAt" TIMESTAMP(3) NOT NULL,
    "toAt" TIMESTAMP(3) NOT NULL,
    "evaluations" INTEGER NOT NULL,
    "changed" INTEGER NOT NULL,
    "summary" JSONB NOT NULL,
    "runById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionTrial_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "DecisionTrial_decisionId_createdAt_idx" ON "DecisionTrial"("decisionId", "createdAt");

CREATE INDEX "DecisionTrial_xmlHash_idx" ON "DecisionTrial"("xmlHash");

ALTER TABLE "DecisionTrial" ADD CONSTRAINT "DecisionTrial_runById_fkey" FOREIGN KEY ("runById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
