-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "reopenCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reopenUntil" TIMESTAMP(3);
