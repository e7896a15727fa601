-- AlterTable
ALTER TABLE "AssessmentItem" ADD COLUMN     "petitionId" TEXT;

-- AlterTable
ALTER TABLE "AssessmentScore" ADD COLUMN     "petitionsDecidedInTime" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "petitionsDecisionDue" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "petitionsEvaluated" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "petitionsHandledOnTime" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "petitionsHandlingDue" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "petitionsReceived" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "petitionsRepeated" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "petitionsSatisfied" INTEGER NOT NULL DEFAULT 0;
