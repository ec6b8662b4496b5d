-- Read the contacts a term matches through the trigram indexes first (OFFSET 0 keeps the planner from
-- walking every contact newest-first when few or none match), then keep the newest.
CREATE OR REPLACE FUNCTION parley_search_contact_ids(term text, lim integer) RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT hit.id FROM (
    SELECT c.id FROM contacts c
     WHERE c.workspace_id = current_setting('parley.workspace_id', true)
       AND (c.name ILIKE term OR c.email ILIKE term OR c.phone ILIKE term)
    OFFSET 0
  ) hit
  ORDER BY hit.id DESC
  LIMIT lim
$$;
