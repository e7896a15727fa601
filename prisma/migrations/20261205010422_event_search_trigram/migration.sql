-- Trigram matching for the event indexes below (a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Event_gridPath_trgm_idx" ON "Event" USING GIN ("gridPath" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Event_caseNo_trgm_idx" ON "Event" USING GIN ("caseNo" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Event_address_trgm_idx" ON "Event" USING GIN ("address" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Event_reporterName_trgm_idx" ON "Event" USING GIN ("reporterName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Event_description_trgm_idx" ON "Event" USING GIN ("description" gin_trgm_ops);
