-- A grid's patrol quota is daily or weekly (#28: daily/weekly quotas), weekly as before.
ALTER TABLE "PatrolQuota" ADD COLUMN "period" TEXT NOT NULL DEFAULT 'WEEK';
