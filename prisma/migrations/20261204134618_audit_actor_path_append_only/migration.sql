-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "actorPath" TEXT;

-- CreateIndex
CREATE INDEX "AuditLog_actorPath_at_idx" ON "AuditLog"("actorPath", "at");

-- The entries written so far get their actor's unit as it is now.
UPDATE "AuditLog" a SET "actorPath" = o."path"
  FROM "User" u JOIN "Org" o ON o."id" = u."orgId"
  WHERE u."id" = a."userId";

-- 等保 三级: the audit log is append-only for everyone, the application's own role included.
-- An entry is written before its request runs and completed once with the outcome (status null
-- until then), so the one update allowed fills an entry still without status and keeps its time.
-- Deletion is the retention job's, and only past the 180-day floor the configuration enforces.
-- The bodies are E'' strings with \073 for the statement separator: the migration runner splits
-- a file at every literal separator, dollar quotes included.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN\n  IF TG_OP = \'UPDATE\' THEN\n    IF OLD."status" IS NULL AND NEW."status" IS NOT NULL AND NEW."at" = OLD."at" AND NEW."id" = OLD."id" THEN\n      RETURN NEW\073\n    END IF\073\n    RAISE EXCEPTION \'AuditLog is append-only: entry % cannot be altered\', OLD."id" USING ERRCODE = \'insufficient_privilege\'\073\n  END IF\073\n  IF OLD."at" < now() - interval \'180 days\' THEN\n    RETURN OLD\073\n  END IF\073\n  RAISE EXCEPTION \'AuditLog is append-only: entry % is within the 180-day retention\', OLD."id" USING ERRCODE = \'insufficient_privilege\'\073\nEND';

CREATE TRIGGER "AuditLog_append_only"
  BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- TRUNCATE skips row triggers: it is refused as a statement.
CREATE FUNCTION audit_log_no_truncate() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN\n  RAISE EXCEPTION \'AuditLog is append-only: it cannot be truncated\' USING ERRCODE = \'insufficient_privilege\'\073\nEND';

CREATE TRIGGER "AuditLog_no_truncate"
  BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_no_truncate();
