-- 民调 sampling and early warnings (issue 28)
ALTER TYPE "CaseKind" ADD VALUE 'SAMPLE';
ALTER TYPE "CaseKind" ADD VALUE 'WARNING';

CREATE TYPE "WarningStatus" AS ENUM ('OPEN', 'DISMISSED', 'CASE_OPENED');

CREATE TABLE "SamplingDraw" (
    "id" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "seed" TEXT NOT NULL,
    "share" DOUBLE PRECISION NOT NULL,
    "minPerUnit" INTEGER NOT NULL,
    "surveyUnitId" TEXT NOT NULL,
    "drawnById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SamplingDraw_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SamplingDraw_periodKey_key" ON "SamplingDraw"("periodKey");

CREATE TABLE "SampledCase" (
    "id" TEXT NOT NULL,
    "drawId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "caseNo" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "handlerSatisfaction" TEXT,
    "result" TEXT,
    "reason" TEXT,
    "calledById" TEXT,
    "calledAt" TIMESTAMP(3),
    "reopened" BOOLEAN NOT NULL DEFAULT false,
    "reopenRefused" TEXT,
    "processInstanceId" TEXT,
    CONSTRAINT "SampledCase_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SampledCase_drawId_eventId_key" ON "SampledCase"("drawId", "eventId");
CREATE INDEX "SampledCase_unitPath_idx" ON "SampledCase"("unitPath");
ALTER TABLE "SampledCase" ADD CONSTRAINT "SampledCase_drawId_fkey" FOREIGN KEY ("drawId") REFERENCES "SamplingDraw"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Warning" (
    "id" TEXT NOT NULL,
    "ruleKey" TEXT NOT NULL,
    "ruleName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "placeId" TEXT NOT NULL,
    "placePath" TEXT NOT NULL,
    "categoryCode" TEXT,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "status" "WarningStatus" NOT NULL DEFAULT 'OPEN',
    "decisionReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "eventId" TEXT,
    "processInstanceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Warning_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Warning_dedupKey_key" ON "Warning"("dedupKey");
CREATE INDEX "Warning_placePath_createdAt_idx" ON "Warning"("placePath", "createdAt");

CREATE TABLE "WarningCase" (
    "warningId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    CONSTRAINT "WarningCase_pkey" PRIMARY KEY ("warningId", "eventId")
);
ALTER TABLE "WarningCase" ADD CONSTRAINT "WarningCase_warningId_fkey" FOREIGN KEY ("warningId") REFERENCES "Warning"("id") ON DELETE CASCADE ON UPDATE CASCADE;
