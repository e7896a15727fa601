-- Candidate groups of imported diagrams mapped to the units that answer for them.
CREATE TABLE "GroupMapping" (
    "group" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GroupMapping_pkey" PRIMARY KEY ("group")
);

ALTER TABLE "GroupMapping" ADD CONSTRAINT "GroupMapping_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
