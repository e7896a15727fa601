-- CreateEnum
CREATE TYPE "Urgency" AS ENUM ('URGENT', 'NORMAL');

-- CreateEnum
CREATE TYPE "EventLevel" AS ENUM ('GRID', 'COMMUNITY', 'STREET', 'DISTRICT');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('OPEN', 'ARCHIVED');

-- AlterTable
ALTER TABLE "InboxTask" ADD COLUMN     "elementInstanceKey" TEXT;

-- CreateTable
CREATE TABLE "EventCategory" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "EventCategory_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "CaseCounter" (
    "prefix" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "CaseCounter_pkey" PRIMARY KEY ("prefix","year")
);

-- CreateTable
CREATE TABLE "SlaRule" (
    "id" SERIAL NOT NULL,
    "step" TEXT NOT NULL,
    "level" "EventLevel" NOT NULL,
    "category" TEXT,
    "urgency" "Urgency" NOT NULL,
    "unit" TEXT NOT NULL,
    "yellow" DOUBLE PRECISION NOT NULL,
    "red" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "SlaRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "caseNo" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "urgency" "Urgency" NOT NULL,
    "source" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "gridPath" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "description" TEXT NOT NULL,
    "reporterId" TEXT,
    "reporterName" TEXT,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "level" "EventLevel" NOT NULL DEFAULT 'GRID',
    "handlerUnitId" TEXT,
    "status" "EventStatus" NOT NULL DEFAULT 'OPEN',
    "processInstanceKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" BIGSERIAL NOT NULL,
    "eventId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "actorId" TEXT,
    "unitId" TEXT,
    "detail" JSONB,
    "dedupKey" TEXT NOT NULL,

    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SlaRule_step_level_category_urgency_key" ON "SlaRule"("step", "level", "category", "urgency");

-- CreateIndex
CREATE UNIQUE INDEX "Event_caseNo_key" ON "Event"("caseNo");

-- CreateIndex
CREATE UNIQUE INDEX "Event_processInstanceKey_key" ON "Event"("processInstanceKey");

-- CreateIndex
CREATE INDEX "Event_gridId_idx" ON "Event"("gridId");

-- CreateIndex
CREATE UNIQUE INDEX "TimelineEntry_dedupKey_key" ON "TimelineEntry"("dedupKey");

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_categoryCode_fkey" FOREIGN KEY ("categoryCode") REFERENCES "EventCategory"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
