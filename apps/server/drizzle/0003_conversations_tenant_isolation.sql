GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO parley_tenant;
--> statement-breakpoint
ALTER TABLE "inboxes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "inboxes" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "contacts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "contacts" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "visitors" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "visitors" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "page_views" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "page_views" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "teams" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "teams" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "team_members" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "team_members" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "labels" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "labels" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "canned_responses" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "canned_responses" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "conversations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "conversations" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "messages" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "messages" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "attachments" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "attachments" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "conversation_labels" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "conversation_labels" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "workspace_sequences" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "workspace_sequences" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "events" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
