-- 块数据 base (#27): addresses with one code per building and room, 实有人口/房屋/单位 and their change history.
-- pg_trgm comes from 20261205010422_event_search_trigram.

-- CreateEnum
CREATE TYPE "RoomUse" AS ENUM ('RESIDENTIAL', 'RENTAL', 'COMMERCIAL', 'VACANT', 'OTHER');

-- CreateEnum
CREATE TYPE "ResidentKind" AS ENUM ('HOUSEHOLD', 'FLOATING', 'FOREIGN');

-- CreateEnum
CREATE TYPE "BaseSource" AS ENUM ('GRID', 'STAFF', 'IMPORT', 'SELF_DECLARED');

-- CreateEnum
CREATE TYPE "BaseChangeStatus" AS ENUM ('PROPOSED', 'APPROVED', 'REJECTED', 'APPLIED');

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "buildingId" TEXT,
ADD COLUMN     "roomId" TEXT;

-- CreateTable
CREATE TABLE "AddressArea" (
    "orgId" TEXT NOT NULL,
    "code" TEXT NOT NULL,

    CONSTRAINT "AddressArea_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "Building" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "orgPath" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "gridId" TEXT,
    "gridPath" TEXT,
    "gridConfirmedBy" TEXT,
    "gridConfirmedAt" TIMESTAMP(3),
    "road" TEXT,
    "doorNo" TEXT,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,
    "lng" DOUBLE PRECISION,
    "lat" DOUBLE PRECISION,
    "footprint" JSONB,
    "floors" INTEGER,
    "nextRoomSeq" INTEGER NOT NULL DEFAULT 1,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Building_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Room" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "unitNo" TEXT,
    "floor" INTEGER,
    "roomNo" TEXT NOT NULL,
    "use" "RoomUse" NOT NULL DEFAULT 'RESIDENTIAL',
    "ownerName" TEXT,
    "ownerPhoneEnc" TEXT,
    "tenantName" TEXT,
    "area" DOUBLE PRECISION,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Room_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resident" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gender" TEXT,
    "idNumberEnc" TEXT NOT NULL,
    "idNumberHash" TEXT NOT NULL,
    "phoneEnc" TEXT,
    "kind" "ResidentKind" NOT NULL DEFAULT 'HOUSEHOLD',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "buildingId" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "orgPath" TEXT NOT NULL,
    "gridPath" TEXT,
    "movedInAt" TIMESTAMP(3),
    "movedOutAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Resident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Business" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "uscc" TEXT NOT NULL,
    "legalRep" TEXT,
    "kind" TEXT,
    "phoneEnc" TEXT,
    "buildingId" TEXT,
    "roomId" TEXT,
    "orgPath" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Business_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BaseChange" (
    "id" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "action" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "before" JSONB,
    "source" "BaseSource" NOT NULL,
    "status" "BaseChangeStatus" NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT,
    "orgId" TEXT NOT NULL,
    "orgPath" TEXT NOT NULL,
    "buildingId" TEXT,
    "processInstanceId" TEXT,
    "reviewerId" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "reviewNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BaseChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AddressArea_code_key" ON "AddressArea"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Building_code_key" ON "Building"("code");

-- CreateIndex
CREATE INDEX "Building_orgPath_idx" ON "Building"("orgPath");

-- CreateIndex
CREATE INDEX "Building_gridId_idx" ON "Building"("gridId");

-- CreateIndex
CREATE INDEX "Building_searchText_trgm_idx" ON "Building" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Building_orgId_seq_key" ON "Building"("orgId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Room_code_key" ON "Room"("code");

-- CreateIndex
CREATE INDEX "Room_buildingId_idx" ON "Room"("buildingId");

-- CreateIndex
CREATE UNIQUE INDEX "Room_buildingId_seq_key" ON "Room"("buildingId", "seq");

-- CreateIndex
CREATE INDEX "Resident_buildingId_idx" ON "Resident"("buildingId");

-- CreateIndex
CREATE INDEX "Resident_idNumberHash_idx" ON "Resident"("idNumberHash");

-- CreateIndex
CREATE INDEX "Resident_orgPath_idx" ON "Resident"("orgPath");

-- CreateIndex
CREATE INDEX "Resident_name_trgm_idx" ON "Resident" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Resident_roomId_idNumberHash_key" ON "Resident"("roomId", "idNumberHash");

-- CreateIndex
CREATE UNIQUE INDEX "Business_uscc_key" ON "Business"("uscc");

-- CreateIndex
CREATE INDEX "Business_buildingId_idx" ON "Business"("buildingId");

-- CreateIndex
CREATE INDEX "Business_orgPath_idx" ON "Business"("orgPath");

-- CreateIndex
CREATE INDEX "Business_name_trgm_idx" ON "Business" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "BaseChange_processInstanceId_key" ON "BaseChange"("processInstanceId");

-- CreateIndex
CREATE INDEX "BaseChange_entity_entityId_createdAt_idx" ON "BaseChange"("entity", "entityId", "createdAt");

-- CreateIndex
CREATE INDEX "BaseChange_buildingId_createdAt_idx" ON "BaseChange"("buildingId", "createdAt");

-- CreateIndex
CREATE INDEX "BaseChange_orgPath_status_idx" ON "BaseChange"("orgPath", "status");

-- CreateIndex
CREATE INDEX "Event_buildingId_idx" ON "Event"("buildingId");

-- AddForeignKey
ALTER TABLE "Room" ADD CONSTRAINT "Room_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resident" ADD CONSTRAINT "Resident_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resident" ADD CONSTRAINT "Resident_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Business" ADD CONSTRAINT "Business_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Business" ADD CONSTRAINT "Business_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE SET NULL ON UPDATE CASCADE;
