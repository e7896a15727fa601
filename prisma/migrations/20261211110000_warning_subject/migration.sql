-- 预警: what a same-address rule counted
ALTER TABLE "Warning" ADD COLUMN "subject" TEXT;
