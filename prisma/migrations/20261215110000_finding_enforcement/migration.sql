-- A finding sent for enforcement and the event it opened
ALTER TABLE "InspectionFinding" ADD COLUMN "openCase" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "eventId" TEXT;
