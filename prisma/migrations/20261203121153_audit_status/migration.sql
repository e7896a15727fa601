-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "status" INTEGER;
