-- Sequence numbers are still given while the transaction commits (see 0004), but once per transaction
-- and workspace: the first event's trigger numbers all of the transaction's new events of its
-- workspace, in insertion order, with one counter update; the triggers of the others find their event
-- numbered already. A group commit writes many events in one transaction: this spares the counter row
-- one update per event. Only this transaction's events are unnumbered and visible here (others'
-- uncommitted rows are not), and the counter row stays locked until the commit ends, as before.
CREATE OR REPLACE FUNCTION parley_assign_event_seq() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  pending bigint;
  last bigint;
BEGIN
  PERFORM 1 FROM events WHERE id = NEW.id AND seq IS NULL;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  SELECT count(*) INTO pending FROM events WHERE workspace_id = NEW.workspace_id AND seq IS NULL;
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
