-- 司法确认 of a mediation agreement (#25 item 3): the application to the court and its ruling.
CREATE TABLE "DisputeConfirmation" (
    "disputeId" TEXT NOT NULL,
    "appliedOn" DATE NOT NULL,
    "court" TEXT NOT NULL,
    "applicants" TEXT[],
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ruledOn" DATE,
    "ruling" TEXT,
    "courtCaseNo" TEXT,
    "ruledById" TEXT,
    "ruledAt" TIMESTAMP(3),

    CONSTRAINT "DisputeConfirmation_pkey" PRIMARY KEY ("disputeId")
);

ALTER TABLE "DisputeConfirmation" ADD CONSTRAINT "DisputeConfirmation_disputeId_fkey" FOREIGN KEY ("disputeId") REFERENCES "Dispute"("id") ON DELETE CASCADE ON UPDATE CASCADE;
