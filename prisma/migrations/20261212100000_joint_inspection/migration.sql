-- 信用+联合检查: credit grades of enterprises, departments' inspection plans, joint inspections and their findings

ALTER TYPE "CaseKind" ADD VALUE 'JOINT_INSPECTION';

CREATE TABLE "CreditGrade" (
    "id" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "grade" TEXT NOT NULL,
    "gradedAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "note" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditGrade_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "InspectionPlan" (
    "id" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "deptId" TEXT NOT NULL,
    "matter" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "complaint" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'PLANNED',
    "inspectionId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InspectionPlan_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "JointInspection" (
    "id" TEXT NOT NULL,
    "caseNo" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "leadDeptId" TEXT NOT NULL,
    "deptIds" TEXT[],
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "grade" TEXT,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "processInstanceId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "JointInspection_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "InspectionFinding" (
    "id" TEXT NOT NULL,
    "inspectionId" TEXT NOT NULL,
    "deptId" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InspectionFinding_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "CreditGrade_businessId_gradedAt_idx" ON "CreditGrade"("businessId", "gradedAt");

CREATE UNIQUE INDEX "CreditGrade_businessId_gradedAt_source_key" ON "CreditGrade"("businessId", "gradedAt", "source");

CREATE INDEX "InspectionPlan_businessId_status_idx" ON "InspectionPlan"("businessId", "status");

CREATE INDEX "InspectionPlan_deptId_createdAt_idx" ON "InspectionPlan"("deptId", "createdAt");

CREATE INDEX "InspectionPlan_inspectionId_idx" ON "InspectionPlan"("inspectionId");

CREATE UNIQUE INDEX "JointInspection_caseNo_key" ON "JointInspection"("caseNo");

CREATE UNIQUE INDEX "JointInspection_processInstanceId_key" ON "JointInspection"("processInstanceId");

CREATE INDEX "JointInspection_businessId_periodStart_idx" ON "JointInspection"("businessId", "periodStart");

CREATE UNIQUE INDEX "InspectionFinding_inspectionId_deptId_key" ON "InspectionFinding"("inspectionId", "deptId");

ALTER TABLE "InspectionPlan" ADD CONSTRAINT "InspectionPlan_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "JointInspection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "InspectionFinding" ADD CONSTRAINT "InspectionFinding_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "JointInspection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
