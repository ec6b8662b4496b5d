-- Label names become unique ignoring case ("billing" and "Billing" are one label). Before the new
-- index is built, every later label whose name differs from an earlier one only by case gets the end
-- of its id appended, so nothing is lost and an admin can rename or merge them by hand.
UPDATE "labels" SET "name" = "labels"."name" || ' (' || right("labels"."id", 5) || ')'
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "workspace_id", lower("name") ORDER BY "created_at", "id") AS "rank"
  FROM "labels"
) AS "ranked"
WHERE "labels"."id" = "ranked"."id" AND "ranked"."rank" > 1;
