-- AlterTable
ALTER TABLE "InboxTask" ADD COLUMN     "delegatedById" TEXT;
