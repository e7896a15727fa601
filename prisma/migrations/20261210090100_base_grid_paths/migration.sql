-- 块数据 base: a business follows its building's grid, so grid members read their grid's businesses and residents by index.

-- AlterTable
ALTER TABLE "Business" ADD COLUMN     "gridPath" TEXT;

-- CreateIndex
CREATE INDEX "Business_gridPath_idx" ON "Business"("gridPath");

-- CreateIndex
CREATE INDEX "Resident_gridPath_idx" ON "Resident"("gridPath");
