-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('OPEN', 'CLOSED');

-- AlterTable
ALTER TABLE "InboxTask" ADD COLUMN     "claimedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AssessmentRun" (
    "id" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'OPEN',
    "weights" JSONB,
    "processInstanceKey" TEXT,
    "computedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentScore" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "level" "OrgType" NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitName" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL,
    "responseOnTime" INTEGER NOT NULL,
    "responseTotal" INTEGER NOT NULL,
    "solvedOnTime" INTEGER NOT NULL,
    "solvedTotal" INTEGER NOT NULL,
    "satisfied" INTEGER NOT NULL,
    "visited" INTEGER NOT NULL,
    "reworked" INTEGER NOT NULL,
    "handled" INTEGER NOT NULL,
    "yellowCards" INTEGER NOT NULL,
    "redCards" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "rank" INTEGER NOT NULL,

    CONSTRAINT "AssessmentScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentItem" (
    "id" BIGSERIAL NOT NULL,
    "scoreId" BIGINT NOT NULL,
    "indicator" TEXT NOT NULL,
    "hit" BOOLEAN NOT NULL,
    "taskKey" TEXT,
    "eventId" TEXT,
    "cardId" BIGINT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssessmentItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentRun_periodKey_key" ON "AssessmentRun"("periodKey");

-- CreateIndex
CREATE INDEX "AssessmentRun_periodEnd_idx" ON "AssessmentRun"("periodEnd");

-- CreateIndex
CREATE INDEX "AssessmentScore_runId_level_rank_idx" ON "AssessmentScore"("runId", "level", "rank");

-- CreateIndex
CREATE INDEX "AssessmentScore_level_unitId_idx" ON "AssessmentScore"("level", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScore_runId_unitId_key" ON "AssessmentScore"("runId", "unitId");

-- CreateIndex
CREATE INDEX "AssessmentItem_scoreId_indicator_idx" ON "AssessmentItem"("scoreId", "indicator");

-- CreateIndex
CREATE INDEX "InboxTask_createdAt_idx" ON "InboxTask"("createdAt");

-- CreateIndex
CREATE INDEX "InboxTask_elementId_completedAt_idx" ON "InboxTask"("elementId", "completedAt");

-- CreateIndex
CREATE INDEX "TimelineEntry_action_at_idx" ON "TimelineEntry"("action", "at");

-- AddForeignKey
ALTER TABLE "AssessmentScore" ADD CONSTRAINT "AssessmentScore_runId_fkey" FOREIGN KEY ("runId") REFERENCES "AssessmentRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentItem" ADD CONSTRAINT "AssessmentItem_scoreId_fkey" FOREIGN KEY ("scoreId") REFERENCES "AssessmentScore"("id") ON DELETE CASCADE ON UPDATE CASCADE;
