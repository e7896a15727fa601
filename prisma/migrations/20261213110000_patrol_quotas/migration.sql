-- 巡查定额: a grid's weekly patrol quota, set by the street or community above it.
CREATE TABLE "PatrolQuota" (
    "gridId" TEXT NOT NULL,
    "gridPath" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL DEFAULT 0,
    "checkIns" INTEGER NOT NULL DEFAULT 0,
    "buildings" INTEGER NOT NULL DEFAULT 0,
    "setById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PatrolQuota_pkey" PRIMARY KEY ("gridId")
);
