-- CreateTable
CREATE TABLE "DecisionDefinition" (
    "key" TEXT NOT NULL,
    "decisionRequirementsId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "resourceName" TEXT NOT NULL,
    "decisionIds" TEXT[],
    "xml" TEXT NOT NULL,
    "deployedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionDefinition_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "DecisionDefinition_decisionRequirementsId_version_key" ON "DecisionDefinition"("decisionRequirementsId", "version");
