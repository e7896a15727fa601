-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "locatedGridId" TEXT;
