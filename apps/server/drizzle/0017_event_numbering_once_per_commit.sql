-- Numbering at commit (0004, 0015) ran a deferred trigger for every event row; the first numbered the
-- transaction's events and the others only found their row numbered already. A group commit writes
-- dozens of events per transaction, and all those calls ran while the workspace's counter row was
-- locked, so commits queued behind them. Now each insert statement on events leaves one marker per
-- (transaction, workspace), and a deferred trigger on the marker numbers the events once, at commit.
CREATE TABLE IF NOT EXISTS event_commits (
  workspace_id text NOT NULL,
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (workspace_id, tx)
);
--> statement-breakpoint
-- Only the triggers (SECURITY DEFINER) touch it.
REVOKE ALL ON event_commits FROM parley_tenant;
--> statement-breakpoint
DROP TRIGGER IF EXISTS events_assign_seq ON events;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION parley_mark_event_commit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO event_commits (workspace_id)
  SELECT DISTINCT workspace_id FROM new_events
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_mark_commit AFTER INSERT ON events
REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION parley_mark_event_commit();
--> statement-breakpoint
-- At commit, once per transaction and workspace: number the transaction's events of the workspace in
-- insertion order with one counter update. Only this transaction's events are unnumbered and visible
-- here (others' uncommitted rows are not), and the counter row stays locked until the commit ends.
CREATE OR REPLACE FUNCTION parley_number_events() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  pending bigint;
  last bigint;
BEGIN
  DELETE FROM event_commits WHERE workspace_id = NEW.workspace_id AND tx = NEW.tx;
  SELECT count(*) INTO pending FROM events WHERE workspace_id = NEW.workspace_id AND seq IS NULL;
  IF pending = 0 THEN
    RETURN NULL;
  END IF;
  INSERT INTO workspace_sequences (workspace_id, last_seq) VALUES (NEW.workspace_id, pending)
  ON CONFLICT (workspace_id) DO UPDATE SET last_seq = workspace_sequences.last_seq + pending
  RETURNING last_seq INTO last;
  UPDATE events e SET seq = last - pending + n.rn
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn
            FROM events WHERE workspace_id = NEW.workspace_id AND seq IS NULL) n
   WHERE e.id = n.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER event_commits_number AFTER INSERT ON event_commits
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION parley_number_events();
--> statement-breakpoint
DROP FUNCTION IF EXISTS parley_assign_event_seq();
