-- A report written offline carries the phone's id for it: sending it twice makes one case.
ALTER TABLE "Event" ADD COLUMN "clientRef" TEXT;

CREATE UNIQUE INDEX "Event_reporterId_clientRef_key" ON "Event"("reporterId", "clientRef");
