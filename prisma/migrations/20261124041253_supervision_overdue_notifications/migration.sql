-- DropIndex
DROP INDEX "InboxTask_state_orgPath_idx";

-- CreateTable
CREATE TABLE "Notification" (
    "id" BIGSERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "CardKind" NOT NULL,
    "title" JSONB NOT NULL,
    "body" JSONB NOT NULL,
    "eventId" TEXT,
    "taskKey" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dedupKey" TEXT NOT NULL,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupKey_key" ON "Notification"("dedupKey");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "InboxTask_state_orgPath_dueDate_redAt_idx" ON "InboxTask"("state", "orgPath", "dueDate", "redAt");

-- CreateIndex
CREATE INDEX "InboxTask_state_dueDate_idx" ON "InboxTask"("state", "dueDate");
