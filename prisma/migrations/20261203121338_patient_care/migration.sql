-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('REMIND', 'NORMAL', 'YELLOW', 'RED', 'ALERT', 'MESSAGE');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'PSYCHIATRIC_DOCTOR';

-- AlterTable (by hand: keep the existing notifications, every card kind being a notification kind)
ALTER TABLE "Notification" ALTER COLUMN "kind" TYPE "NotificationKind" USING ("kind"::text::"NotificationKind");

-- CreateTable
CREATE TABLE "PersonType" (
    "code" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "processKey" TEXT NOT NULL,
    "teamRoles" TEXT[],

    CONSTRAINT "PersonType_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "TeamRole" (
    "code" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "sort" INTEGER NOT NULL,
    "seesIdentity" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "TeamRole_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "typeCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gender" TEXT,
    "idNumberEnc" TEXT NOT NULL,
    "idNumberHash" TEXT NOT NULL,
    "phoneEnc" TEXT,
    "address" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "gridPath" TEXT NOT NULL,
    "diagnosis" TEXT,
    "guardianName" TEXT,
    "guardianPhoneEnc" TEXT,
    "guardianAgreement" BOOLEAN NOT NULL DEFAULT false,
    "guardianAgreedAt" TIMESTAMP(3),
    "riskLevel" INTEGER NOT NULL,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "nextFollowUpDueAt" TIMESTAMP(3),
    "processInstanceId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamMember" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "roleCode" TEXT NOT NULL,
    "userId" TEXT,
    "name" TEXT NOT NULL,
    "designated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "TeamMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonHistory" (
    "id" BIGSERIAL NOT NULL,
    "personId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "actorId" TEXT,
    "detail" JSONB,
    "dedupKey" TEXT NOT NULL,

    CONSTRAINT "PersonHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskLevelRecord" (
    "id" BIGSERIAL NOT NULL,
    "personId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,

    CONSTRAINT "RiskLevelRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "taskKey" TEXT NOT NULL,
    "byId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3),
    "riskLevel" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "condition" TEXT,
    "notes" TEXT,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmergencyRecord" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "openedBy" TEXT NOT NULL,
    "riskLevel" INTEGER NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3),
    "byId" TEXT,
    "measures" TEXT,

    CONSTRAINT "EmergencyRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatientTarget" (
    "streetId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "followUpRate" DOUBLE PRECISION NOT NULL,
    "guardianAgreementRate" DOUBLE PRECISION NOT NULL,
    "emergencyOnTimeRate" DOUBLE PRECISION NOT NULL,
    "setById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PatientTarget_pkey" PRIMARY KEY ("streetId","period")
);

-- CreateIndex
CREATE UNIQUE INDEX "Person_processInstanceId_key" ON "Person"("processInstanceId");

-- CreateIndex
CREATE INDEX "Person_gridPath_idx" ON "Person"("gridPath");

-- CreateIndex
CREATE UNIQUE INDEX "Person_typeCode_idNumberHash_key" ON "Person"("typeCode", "idNumberHash");

-- CreateIndex
CREATE INDEX "TeamMember_personId_idx" ON "TeamMember"("personId");

-- CreateIndex
CREATE INDEX "TeamMember_userId_idx" ON "TeamMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "PersonHistory_dedupKey_key" ON "PersonHistory"("dedupKey");

-- CreateIndex
CREATE INDEX "PersonHistory_personId_at_idx" ON "PersonHistory"("personId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "RiskLevelRecord_sourceId_key" ON "RiskLevelRecord"("sourceId");

-- CreateIndex
CREATE INDEX "RiskLevelRecord_personId_at_idx" ON "RiskLevelRecord"("personId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_taskKey_key" ON "FollowUp"("taskKey");

-- CreateIndex
CREATE INDEX "FollowUp_personId_at_idx" ON "FollowUp"("personId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "EmergencyRecord_openedBy_key" ON "EmergencyRecord"("openedBy");

-- CreateIndex
CREATE INDEX "EmergencyRecord_personId_openedAt_idx" ON "EmergencyRecord"("personId", "openedAt");

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_typeCode_fkey" FOREIGN KEY ("typeCode") REFERENCES "PersonType"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonHistory" ADD CONSTRAINT "PersonHistory_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskLevelRecord" ADD CONSTRAINT "RiskLevelRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmergencyRecord" ADD CONSTRAINT "EmergencyRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
