-- 巡查打点 (issue 28): patrols, their tracks, check-ins and notes
CREATE TABLE "Patrol" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "gridPath" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "distanceM" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "pointCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Patrol_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Patrol_gridPath_startedAt_idx" ON "Patrol"("gridPath", "startedAt");
CREATE INDEX "Patrol_userId_startedAt_idx" ON "Patrol"("userId", "startedAt");

CREATE TABLE "PatrolPoint" (
    "id" BIGSERIAL NOT NULL,
    "patrolId" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "accuracyM" DOUBLE PRECISION,
    "at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "PatrolPoint_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PatrolPoint_patrolId_at_idx" ON "PatrolPoint"("patrolId", "at");
ALTER TABLE "PatrolPoint" ADD CONSTRAINT "PatrolPoint_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "PatrolCheckIn" (
    "id" TEXT NOT NULL,
    "patrolId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "buildingCode" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "distanceM" DOUBLE PRECISION,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PatrolCheckIn_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PatrolCheckIn_patrolId_buildingId_key" ON "PatrolCheckIn"("patrolId", "buildingId");
ALTER TABLE "PatrolCheckIn" ADD CONSTRAINT "PatrolCheckIn_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "PatrolNote" (
    "id" TEXT NOT NULL,
    "patrolId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attachmentIds" TEXT[],
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PatrolNote_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "PatrolNote" ADD CONSTRAINT "PatrolNote_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol"("id") ON DELETE CASCADE ON UPDATE CASCADE;
