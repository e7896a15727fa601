-- AlterTable
ALTER TABLE "InboxTask" ADD COLUMN     "category" TEXT,
ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "CalendarOverride" (
    "date" TEXT NOT NULL,
    "working" BOOLEAN NOT NULL,
    "note" TEXT,

    CONSTRAINT "CalendarOverride_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "Channel" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Channel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Channel_keyHash_key" ON "Channel"("keyHash");

-- CreateIndex
CREATE INDEX "InboxTask_candidateGroups_idx" ON "InboxTask" USING GIN ("candidateGroups" array_ops);
