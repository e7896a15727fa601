-- 块数据: a key person's file and a dispute keep the building they concern (#27).

-- AlterTable
ALTER TABLE "Dispute" ADD COLUMN     "buildingId" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "buildingId" TEXT;

-- CreateIndex
CREATE INDEX "Dispute_buildingId_idx" ON "Dispute"("buildingId");

-- CreateIndex
CREATE INDEX "Person_buildingId_idx" ON "Person"("buildingId");
