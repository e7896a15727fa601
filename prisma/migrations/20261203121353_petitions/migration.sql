-- CreateEnum
CREATE TYPE "PetitionChannel" AS ENUM ('VISIT', 'LETTER', 'PHONE', 'ONLINE', 'EVENT');

-- CreateEnum
CREATE TYPE "PetitionStatus" AS ENUM ('REGISTERED', 'HANDLING', 'NOT_ACCEPTED', 'REPLIED', 'REVIEWING', 'CLOSED');

-- CreateTable
CREATE TABLE "CalendarYear" (
    "year" INTEGER NOT NULL,
    "source" TEXT,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "importedById" TEXT,

    CONSTRAINT "CalendarYear_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "Petition" (
    "id" TEXT NOT NULL,
    "caseNo" TEXT NOT NULL,
    "channel" "PetitionChannel" NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "petitionerName" TEXT NOT NULL,
    "petitionerIdNo" TEXT,
    "petitionerPhone" TEXT,
    "petitionerAddress" TEXT,
    "petitionerKey" TEXT NOT NULL,
    "matter" TEXT NOT NULL,
    "matterKey" TEXT NOT NULL,
    "requests" TEXT NOT NULL,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "eventId" TEXT,
    "registeredById" TEXT NOT NULL,
    "officeUnitId" TEXT NOT NULL,
    "officePath" TEXT NOT NULL,
    "decision" TEXT,
    "decisionReason" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionDueAt" TIMESTAMP(3) NOT NULL,
    "handlerUnitId" TEXT,
    "handlerPath" TEXT,
    "handleDueAt" TIMESTAMP(3),
    "extensionDays" INTEGER,
    "extensionReason" TEXT,
    "replyText" TEXT,
    "repliedAt" TIMESTAMP(3),
    "satisfaction" TEXT,
    "reviewLevel" INTEGER NOT NULL DEFAULT 0,
    "reviewUnitId" TEXT,
    "reviewPath" TEXT,
    "reviewDueAt" TIMESTAMP(3),
    "reviewOpinion" TEXT,
    "reviewRequestUntil" TIMESTAMP(3),
    "finalAt" TIMESTAMP(3),
    "status" "PetitionStatus" NOT NULL DEFAULT 'REGISTERED',
    "processInstanceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Petition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PetitionNotice" (
    "id" TEXT NOT NULL,
    "petitionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dedupKey" TEXT NOT NULL,

    CONSTRAINT "PetitionNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Petition_caseNo_key" ON "Petition"("caseNo");

-- CreateIndex
CREATE UNIQUE INDEX "Petition_processInstanceId_key" ON "Petition"("processInstanceId");

-- CreateIndex
CREATE INDEX "Petition_petitionerKey_matterKey_idx" ON "Petition"("petitionerKey", "matterKey");

-- CreateIndex
CREATE INDEX "Petition_officePath_idx" ON "Petition"("officePath");

-- CreateIndex
CREATE INDEX "Petition_handlerPath_idx" ON "Petition"("handlerPath");

-- CreateIndex
CREATE UNIQUE INDEX "PetitionNotice_dedupKey_key" ON "PetitionNotice"("dedupKey");

-- CreateIndex
CREATE INDEX "PetitionNotice_petitionId_idx" ON "PetitionNotice"("petitionId");

-- AddForeignKey
ALTER TABLE "PetitionNotice" ADD CONSTRAINT "PetitionNotice_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;
