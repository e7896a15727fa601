-- AlterTable
ALTER TABLE "Org" ADD COLUMN     "boundary" JSONB,
ADD COLUMN     "retiredAt" TIMESTAMP(3);
