-- An enterprise's self-check for one inspection plan, filled from a link

CREATE TABLE "InspectionSelfCheck" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "issuedById" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "checkedItems" TEXT,
    "contactName" TEXT,

    CONSTRAINT "InspectionSelfCheck_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "InspectionSelfCheck_planId_key" ON "InspectionSelfCheck"("planId");

CREATE UNIQUE INDEX "InspectionSelfCheck_tokenHash_key" ON "InspectionSelfCheck"("tokenHash");

ALTER TABLE "InspectionSelfCheck" ADD CONSTRAINT "InspectionSelfCheck_planId_fkey" FOREIGN KEY ("planId") REFERENCES "InspectionPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
