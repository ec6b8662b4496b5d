-- Attachment names join their message's search words (new messages get them when written): the
-- words of each name as exact words, for messages of workspaces that allow a search index.
UPDATE messages m
   SET search_vector = coalesce(m.search_vector, ''::tsvector)
                       || setweight(to_tsvector('simple', names.words), 'A')
  FROM (
    SELECT a.message_id, string_agg(regexp_replace(a.filename, '[^[:alnum:]]+', ' ', 'g'), ' ') AS words
      FROM attachments a
     WHERE a.message_id IS NOT NULL
     GROUP BY a.message_id
  ) names, workspaces w
 WHERE names.message_id = m.id
   AND w.id = m.workspace_id
   AND w.allow_search_index
   AND m.kind <> 'activity';
