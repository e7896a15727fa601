-- 准予例外 (#25 item 1): a supervisor allows a person barred by four eyes to do one task, with a
-- reason. 考评 counts the overrides used as a finding against the task's unit.
CREATE TABLE "SeparationOverride" (
    "id" TEXT NOT NULL,
    "taskKey" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "grantedById" TEXT NOT NULL,
    "barredBy" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "SeparationOverride_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "SeparationOverride_taskKey_userId_key" ON "SeparationOverride"("taskKey", "userId");
CREATE INDEX "SeparationOverride_usedAt_idx" ON "SeparationOverride"("usedAt");

ALTER TABLE "SeparationOverride" ADD CONSTRAINT "SeparationOverride_taskKey_fkey" FOREIGN KEY ("taskKey") REFERENCES "InboxTask"("key") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SeparationOverride" ADD CONSTRAINT "SeparationOverride_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SeparationOverride" ADD CONSTRAINT "SeparationOverride_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "AssessmentScore" ADD COLUMN "separationOverrides" INTEGER NOT NULL DEFAULT 0;
