-- The words alone: a (workspace, words) GIN index made every search intersect with all of a large
-- workspace's messages. The workspace is checked on the few rows the words find.
DROP INDEX IF EXISTS messages_search_idx;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS messages_search_words_idx ON messages USING gin (search_vector);
