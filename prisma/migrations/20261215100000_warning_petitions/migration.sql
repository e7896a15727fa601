-- The same petitioner in N petitions: the petitions behind the warning
ALTER TABLE "Warning" ADD COLUMN "petitionIds" TEXT[] DEFAULT ARRAY[]::TEXT[];
