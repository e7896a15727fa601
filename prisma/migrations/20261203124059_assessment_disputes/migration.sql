-- AlterTable
ALTER TABLE "AssessmentItem" ADD COLUMN     "disputeId" TEXT;

-- AlterTable
ALTER TABLE "AssessmentScore" ADD COLUMN     "disputesCalm" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "disputesEnded" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "disputesSettled" INTEGER NOT NULL DEFAULT 0;
