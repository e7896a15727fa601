-- 块数据: a petition keeps the building and room it concerns, as events do (#27).

-- AlterTable
ALTER TABLE "Petition" ADD COLUMN     "buildingId" TEXT,
ADD COLUMN     "roomId" TEXT;

-- CreateIndex
CREATE INDEX "Petition_buildingId_idx" ON "Petition"("buildingId");
