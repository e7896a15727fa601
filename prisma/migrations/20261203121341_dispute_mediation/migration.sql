-- CreateEnum
CREATE TYPE "DisputeStage" AS ENUM ('PEOPLE', 'ADMINISTRATIVE', 'JUDICIAL', 'AGREED', 'ARCHIVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('LOW', 'MEDIUM', 'HIGH');

-- CreateTable
CREATE TABLE "DisputeType" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "DisputeType_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Dispute" (
    "id" TEXT NOT NULL,
    "caseNo" TEXT NOT NULL,
    "typeCode" TEXT NOT NULL,
    "amount" DECIMAL(14,2),
    "summary" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "eventId" TEXT,
    "communityId" TEXT NOT NULL,
    "communityPath" TEXT NOT NULL,
    "handlerUnitIds" TEXT[],
    "mediatorId" TEXT,
    "fastTrack" BOOLEAN NOT NULL DEFAULT false,
    "riskLevel" "RiskLevel" NOT NULL,
    "stage" "DisputeStage" NOT NULL DEFAULT 'PEOPLE',
    "stageDueAt" TIMESTAMP(3),
    "stageRedAt" TIMESTAMP(3),
    "confirmDueAt" TIMESTAMP(3),
    "closureOptions" TEXT[],
    "closureNote" TEXT,
    "closedAt" TIMESTAMP(3),
    "escalated" BOOLEAN NOT NULL DEFAULT false,
    "registeredById" TEXT,
    "processInstanceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisputeParty" (
    "id" TEXT NOT NULL,
    "disputeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "address" TEXT,

    CONSTRAINT "DisputeParty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisputeRiskAssessment" (
    "id" BIGSERIAL NOT NULL,
    "disputeId" TEXT NOT NULL,
    "stage" "DisputeStage" NOT NULL,
    "level" "RiskLevel" NOT NULL,
    "reasons" TEXT[],
    "assessedById" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisputeRiskAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisputeSession" (
    "id" BIGSERIAL NOT NULL,
    "disputeId" TEXT NOT NULL,
    "stage" "DisputeStage" NOT NULL,
    "heldAt" TIMESTAMP(3) NOT NULL,
    "attendees" TEXT[],
    "result" TEXT NOT NULL,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisputeSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisputeConsent" (
    "id" BIGSERIAL NOT NULL,
    "disputeId" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "stage" "DisputeStage" NOT NULL,
    "days" INTEGER NOT NULL,
    "usedAt" TIMESTAMP(3),
    "recordedById" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisputeConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisputeAgreement" (
    "disputeId" TEXT NOT NULL,
    "stage" "DisputeStage" NOT NULL,
    "terms" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "signatures" TEXT[],
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisputeAgreement_pkey" PRIMARY KEY ("disputeId")
);

-- CreateTable
CREATE TABLE "DisputeVisit" (
    "id" BIGSERIAL NOT NULL,
    "disputeId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),
    "result" TEXT,
    "note" TEXT,

    CONSTRAINT "DisputeVisit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Dispute_caseNo_key" ON "Dispute"("caseNo");

-- CreateIndex
CREATE UNIQUE INDEX "Dispute_eventId_key" ON "Dispute"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "Dispute_processInstanceId_key" ON "Dispute"("processInstanceId");

-- CreateIndex
CREATE INDEX "Dispute_communityPath_idx" ON "Dispute"("communityPath");

-- CreateIndex
CREATE INDEX "Dispute_stage_idx" ON "Dispute"("stage");

-- CreateIndex
CREATE INDEX "DisputeParty_disputeId_idx" ON "DisputeParty"("disputeId");

-- CreateIndex
CREATE INDEX "DisputeRiskAssessment_disputeId_at_idx" ON "DisputeRiskAssessment"("disputeId", "at");

-- CreateIndex
CREATE INDEX "DisputeSession_disputeId_heldAt_idx" ON "DisputeSession"("disputeId", "heldAt");

-- CreateIndex
CREATE INDEX "DisputeConsent_disputeId_stage_idx" ON "DisputeConsent"("disputeId", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "DisputeVisit_disputeId_seq_key" ON "DisputeVisit"("disputeId", "seq");

-- AddForeignKey
ALTER TABLE "Dispute" ADD CONSTRAINT "Dispute_typeCode_fkey" FOREIGN KEY ("typeCode") REFERENCES "DisputeType"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisputeParty" ADD CONSTRAINT "DisputeParty_disputeId_fkey" FOREIGN KEY ("disputeId") REFERENCES "Dispute"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisputeRiskAssessment" ADD CONSTRAINT "DisputeRiskAssessment_disputeId_fkey" FOREIGN KEY ("disputeId") REFERENCES "Dispute"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisputeSession" ADD CONSTRAINT "DisputeSession_disputeId_fkey" FOREIGN KEY ("disputeId") REFERENCES "Dispute"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisputeConsent" ADD CONSTRAINT "DisputeConsent_disputeId_fkey" FOREIGN KEY ("disputeId") REFERENCES "Dispute"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisputeConsent" ADD CONSTRAINT "DisputeConsent_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "DisputeParty"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisputeAgreement" ADD CONSTRAINT "DisputeAgreement_disputeId_fkey" FOREIGN KEY ("disputeId") REFERENCES "Dispute"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisputeVisit" ADD CONSTRAINT "DisputeVisit_disputeId_fkey" FOREIGN KEY ("disputeId") REFERENCES "Dispute"("id") ON DELETE CASCADE ON UPDATE CASCADE;
