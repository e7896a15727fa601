-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "address" TEXT;

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_userId_at_idx" ON "AuditLog"("userId", "at");
