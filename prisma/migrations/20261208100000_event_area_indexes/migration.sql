-- An area's cases by grid-path range, open cases by area, and the newest first: at a million
-- events the map's range query was a sequential scan (bench/cases.ts).
CREATE INDEX "Event_gridPath_createdAt_idx" ON "Event"("gridPath", "createdAt");

CREATE INDEX "Event_status_gridPath_idx" ON "Event"("status", "gridPath");

CREATE INDEX "Event_createdAt_idx" ON "Event"("createdAt");
