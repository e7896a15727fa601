-- A 民调 不满意 whose case could no longer be reopened becomes a new case, named here.
ALTER TABLE "SampledCase" ADD COLUMN "followUpEventId" TEXT;
