ALTER TABLE "events" DROP CONSTRAINT "events_workspace_id_seq_pk";--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "seq" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "id" bigint PRIMARY KEY NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
CREATE UNIQUE INDEX "events_workspace_seq_key" ON "events" USING btree ("workspace_id","seq");--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO parley_tenant;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO parley_tenant;
--> statement-breakpoint
-- Sequence numbers are given while the transaction commits: the workspace's counter row is locked
-- only for the commit itself, and a transaction that commits later always gets a larger number, so
-- readers that deliver the log in order never skip an event that commits late.
CREATE FUNCTION parley_assign_event_seq() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  next_seq bigint;
BEGIN
  INSERT INTO workspace_sequences (workspace_id, last_seq) VALUES (NEW.workspace_id, 1)
  ON CONFLICT (workspace_id) DO UPDATE SET last_seq = workspace_sequences.last_seq + 1
  RETURNING last_seq INTO next_seq;
  UPDATE events SET seq = next_seq WHERE id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER events_assign_seq AFTER INSERT ON events
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION parley_assign_event_seq();
