-- 巡查率 in 考评: grid-weeks against their patrol quota per unit, and the grid behind each fact
ALTER TABLE "AssessmentScore" ADD COLUMN "patrolWeeks" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "patrolWeeksMet" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "AssessmentItem" ADD COLUMN "gridId" TEXT;
