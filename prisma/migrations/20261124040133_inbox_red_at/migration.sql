-- AlterTable
ALTER TABLE "InboxTask" ADD COLUMN     "redAt" TIMESTAMP(3);
