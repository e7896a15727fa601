-- The per-task mutex of lib/engine/task-lock.ts: a lease row per held key, taken and given back
-- in their own short statements, so no database transaction stays open across an engine call.
-- Unlogged: a lease lost in a crash is a lock nobody holds any more.
CREATE UNLOGGED TABLE "TaskLock" (
    "key" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaskLock_pkey" PRIMARY KEY ("key")
);
