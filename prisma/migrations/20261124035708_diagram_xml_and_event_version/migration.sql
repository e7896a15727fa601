-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "processDefinitionKey" TEXT;

-- AlterTable
ALTER TABLE "ProcessDefinition" ADD COLUMN     "xml" TEXT;
