-- Events are numbered by the statement that inserts them: it advances the workspace's counter row by
-- the number of events and gives them the numbers in order. The row stays locked until the transaction
-- ends, and the insert is its last statement, so sequence order is still commit order; each event row
-- is written once (the commit-time numbering of 0015-0017 inserted it and then updated it, with a
-- marker row, a count and a self-join per transaction).
DROP TRIGGER IF EXISTS event_commits_number ON event_commits;
--> statement-breakpoint
DROP TRIGGER IF EXISTS events_mark_commit ON events;
--> statement-breakpoint
DROP FUNCTION IF EXISTS parley_number_events();
--> statement-breakpoint
DROP FUNCTION IF EXISTS parley_mark_event_commit();
--> statement-breakpoint
DROP TABLE IF EXISTS event_commits;
--> statement-breakpoint
DROP INDEX IF EXISTS events_unnumbered_idx;
--> statement-breakpoint
-- Room on each page for the next version of a row: a message's delivery mark (sent, delivered, read)
-- then stays on its page and leaves the indexes alone (a heap-only update), instead of adding an
-- entry to each of them, the search indexes included.
ALTER TABLE messages SET (fillfactor = 85);
