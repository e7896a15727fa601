-- An instance of a designer's process (no case record of a loop) is a case of its own: its tasks
-- are supervised (督办/催办) and counted overdue like any loop's.
ALTER TYPE "CaseKind" ADD VALUE 'PROCESS';
