-- Photos a step's form brings to the case (#25 item 9: 处置后照片), told apart from the report's own.
ALTER TABLE "Attachment" ADD COLUMN "field" TEXT;
