-- CreateIndex
CREATE INDEX "TimelineEntry_eventId_at_idx" ON "TimelineEntry"("eventId", "at");
