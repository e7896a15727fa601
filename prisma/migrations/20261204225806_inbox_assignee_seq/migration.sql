-- AlterTable
ALTER TABLE "InboxTask" ADD COLUMN     "assigneeSeq" TEXT NOT NULL DEFAULT '0';
