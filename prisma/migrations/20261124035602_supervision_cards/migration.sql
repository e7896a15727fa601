-- CreateEnum
CREATE TYPE "CardKind" AS ENUM ('REMIND', 'NORMAL', 'YELLOW', 'RED');

-- CreateTable
CREATE TABLE "SupervisionCard" (
    "id" BIGSERIAL NOT NULL,
    "eventId" TEXT,
    "taskKey" TEXT,
    "unitId" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL,
    "kind" "CardKind" NOT NULL,
    "auto" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "issuedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dedupKey" TEXT NOT NULL,

    CONSTRAINT "SupervisionCard_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionCard_dedupKey_key" ON "SupervisionCard"("dedupKey");

-- CreateIndex
CREATE INDEX "SupervisionCard_unitPath_createdAt_idx" ON "SupervisionCard"("unitPath", "createdAt");

-- CreateIndex
CREATE INDEX "SupervisionCard_eventId_idx" ON "SupervisionCard"("eventId");

-- AddForeignKey
ALTER TABLE "SupervisionCard" ADD CONSTRAINT "SupervisionCard_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
