-- Message search in three steps, each bounded by what it reads:
-- 1. the newest 2,000 messages of the workspace: a common term (or pair of terms) has its newest
--    matches there, found without reading the words index at all (building the index's bitmap of
--    100,000 matches cost tens of milliseconds);
-- 2. otherwise the words index: when the terms match fewer than 5,000 messages, read them all and
--    keep the newest;
-- 3. otherwise many matches spread thinly: walk newest-first until enough match.
-- The step sizes are parameters so that tests can walk every path with a few messages.
DROP FUNCTION IF EXISTS parley_search_message_ids(tsquery, integer);
--> statement-breakpoint
CREATE FUNCTION parley_search_message_ids(q tsquery, lim integer, recent_rows integer DEFAULT 2000, few_matches integer DEFAULT 5000)
RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  ws text := current_setting('parley.workspace_id', true);
  found text[];
BEGIN
  IF ws IS NULL OR ws = '' THEN
    RETURN;
  END IF;
  -- A common term: the newest messages hold enough matches.
  SELECT array_agg(newest.id ORDER BY newest.id DESC) INTO found FROM (
    SELECT m.id, m.search_vector FROM messages m WHERE m.workspace_id = ws ORDER BY m.id DESC LIMIT recent_rows
  ) newest WHERE newest.search_vector @@ q;
  IF coalesce(cardinality(found), 0) >= lim THEN
    RETURN QUERY SELECT unnest(found[1:lim]);
    RETURN;
  END IF;
  -- Rarer: the words index finds every match; when there are few, keep the newest of them.
  SELECT array_agg(hit.id) INTO found FROM (
    SELECT m.id FROM messages m WHERE m.workspace_id = ws AND m.search_vector @@ q LIMIT few_matches
  ) hit;
  IF coalesce(cardinality(found), 0) < few_matches THEN
    RETURN QUERY SELECT x.id FROM unnest(found) AS x(id) ORDER BY x.id DESC LIMIT lim;
    RETURN;
  END IF;
  -- Many matches spread thinly: walk newest-first until enough match.
  RETURN QUERY SELECT m.id FROM messages m
    WHERE m.workspace_id = ws AND m.search_vector @@ q ORDER BY m.id DESC LIMIT lim;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION parley_search_message_ids(tsquery, integer, integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION parley_search_message_ids(tsquery, integer, integer, integer) TO parley_tenant;
