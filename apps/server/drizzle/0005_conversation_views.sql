ALTER TABLE "conversations" ADD COLUMN "waiting_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "priority_rank" smallint GENERATED ALWAYS AS (case priority when 'urgent' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "conversation_labels_label_idx" ON "conversation_labels" USING btree ("workspace_id","label_id","conversation_id");--> statement-breakpoint
CREATE INDEX "conversations_workspace_assignee_idx" ON "conversations" USING btree ("workspace_id","assignee_id","status","last_activity_at");--> statement-breakpoint
CREATE INDEX "conversations_workspace_waiting_idx" ON "conversations" USING btree ("workspace_id","status","waiting_since");--> statement-breakpoint
CREATE INDEX "conversations_workspace_priority_idx" ON "conversations" USING btree ("workspace_id","status","priority_rank","last_activity_at");