-- Search runs through these functions because row-level security keeps ILIKE and full-text matches
-- off their indexes (their operators are not LEAKPROOF). They read only the workspace named by the
-- transaction's parley.workspace_id, so the wall between workspaces stays.
CREATE FUNCTION parley_search_message_ids(q tsquery, lim integer) RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  ws text := current_setting('parley.workspace_id', true);
  matches integer;
BEGIN
  IF ws IS NULL OR ws = '' THEN
    RETURN;
  END IF;
  SELECT count(*) INTO matches FROM (
    SELECT 1 FROM messages m WHERE m.workspace_id = ws AND m.search_vector @@ q LIMIT 2000
  ) probe;
  IF matches < 2000 THEN
    -- A rare term: read all its matches through the words index (OFFSET 0 keeps the planner from
    -- walking the whole table newest-first), then keep the newest.
    RETURN QUERY SELECT hit.id FROM (
      SELECT m.id FROM messages m WHERE m.workspace_id = ws AND m.search_vector @@ q OFFSET 0
    ) hit ORDER BY hit.id DESC LIMIT lim;
  ELSE
    -- A common term: the newest messages match soon enough when read newest-first.
    RETURN QUERY SELECT m.id FROM messages m
      WHERE m.workspace_id = ws AND m.search_vector @@ q ORDER BY m.id DESC LIMIT lim;
  END IF;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION parley_search_contact_ids(term text, lim integer) RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.id FROM contacts c
   WHERE c.workspace_id = current_setting('parley.workspace_id', true)
     AND (c.name ILIKE term OR c.email ILIKE term OR c.phone ILIKE term)
   ORDER BY c.id DESC
   LIMIT lim
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION parley_search_message_ids(tsquery, integer) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION parley_search_contact_ids(text, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION parley_search_message_ids(tsquery, integer) TO parley_tenant;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION parley_search_contact_ids(text, integer) TO parley_tenant;
--> statement-breakpoint
ALTER TABLE messages ALTER COLUMN search_vector SET STATISTICS 1000;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS conversations_workspace_status_assignee_idx ON conversations (workspace_id, status, assignee_id);
