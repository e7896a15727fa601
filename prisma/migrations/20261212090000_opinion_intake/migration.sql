-- 舆情 intake: sources (feeds and webhooks), the district's keyword rules, the items kept once

CREATE TABLE "OpinionSource" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT,
    "keyHash" TEXT,
    "intervalMinutes" INTEGER NOT NULL DEFAULT 30,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastPolledAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpinionSource_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "OpinionRule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "words" TEXT[],
    "exclusions" TEXT[],
    "requirePlace" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "OpinionRule_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "OpinionItem" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "link" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "fetchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "matched" BOOLEAN NOT NULL DEFAULT false,
    "matchedWords" TEXT[],
    "matchedRules" TEXT[],
    "unitIds" TEXT[],
    "status" TEXT NOT NULL DEFAULT 'NEW',
    "dismissReason" TEXT,
    "eventId" TEXT,
    "triagedById" TEXT,
    "triagedAt" TIMESTAMP(3),

    CONSTRAINT "OpinionItem_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "OpinionSource_keyHash_key" ON "OpinionSource"("keyHash");

CREATE UNIQUE INDEX "OpinionItem_hash_key" ON "OpinionItem"("hash");

CREATE INDEX "OpinionItem_matched_status_fetchedAt_idx" ON "OpinionItem"("matched", "status", "fetchedAt");

CREATE INDEX "OpinionItem_eventId_idx" ON "OpinionItem"("eventId");

ALTER TABLE "OpinionItem" ADD CONSTRAINT "OpinionItem_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "OpinionSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
