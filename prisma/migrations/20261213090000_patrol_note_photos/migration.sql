-- A patrol note's photos are claimed by the note, so the purge of unclaimed uploads leaves them.
ALTER TABLE "Attachment" ADD COLUMN "patrolNoteId" TEXT;
CREATE INDEX "Attachment_patrolNoteId_idx" ON "Attachment"("patrolNoteId");
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_patrolNoteId_fkey" FOREIGN KEY ("patrolNoteId") REFERENCES "PatrolNote"("id") ON DELETE CASCADE ON UPDATE CASCADE;
