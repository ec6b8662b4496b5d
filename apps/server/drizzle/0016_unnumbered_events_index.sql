-- The commit-time numbering (0015) looks for its transaction's events that have no number yet. In the
-- (workspace_id, seq) index those rows sit among every earlier version of every numbered event (an
-- update leaves the old entry behind until vacuum), so under sustained load each commit read
-- thousands of dead entries. This small index holds only unnumbered rows, ordered as they are numbered.
CREATE INDEX IF NOT EXISTS events_unnumbered_idx ON events (workspace_id, id) WHERE seq IS NULL;
