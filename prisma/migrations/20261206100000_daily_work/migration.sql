-- Daily work II (#25): 抄送 and 加签 (api/src/modules/inbox/task-share.service.ts), 撤回's mark on the
-- step taken back, where a notice opens, and the names a unit signs and numbers its papers with.
ALTER TABLE "InboxTask" ADD COLUMN "withdrawnAt" TIMESTAMP(3);

-- Where a notice opens when it is about neither a task nor an event (an alert opens the key person's file).
ALTER TABLE "Notification" ADD COLUMN "path" TEXT;

CREATE TYPE "TaskShareKind" AS ENUM ('COPY', 'COSIGN');

CREATE TABLE "TaskShare" (
    "id" TEXT NOT NULL,
    "kind" "TaskShareKind" NOT NULL,
    "taskKey" TEXT NOT NULL,
    "fromUserId" TEXT NOT NULL,
    "toUserId" TEXT NOT NULL,
    "note" TEXT,
    "opinion" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "TaskShare_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "TaskShare_taskKey_kind_toUserId_key" ON "TaskShare"("taskKey", "kind", "toUserId");

CREATE INDEX "TaskShare_toUserId_kind_doneAt_idx" ON "TaskShare"("toUserId", "kind", "doneAt");

ALTER TABLE "TaskShare" ADD CONSTRAINT "TaskShare_taskKey_fkey" FOREIGN KEY ("taskKey") REFERENCES "InboxTask"("key") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "TaskShare" ADD CONSTRAINT "TaskShare_fromUserId_fkey" FOREIGN KEY ("fromUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "TaskShare" ADD CONSTRAINT "TaskShare_toUserId_fkey" FOREIGN KEY ("toUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The authority's full name and 发文机关代字 on its papers (petition notices).
ALTER TABLE "Org" ADD COLUMN "fullName" TEXT;
ALTER TABLE "Org" ADD COLUMN "docPrefix" TEXT;
