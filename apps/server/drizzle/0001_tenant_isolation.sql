-- Row-level security is the second wall behind workspace-scoped queries: tenant-scoped
-- transactions switch to the parley_tenant role and set parley.workspace_id; the policies
-- then hide every other workspace's rows even if a query forgot its filter.
DO $$ BEGIN
  CREATE ROLE parley_tenant NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO parley_tenant;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO parley_tenant;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO parley_tenant;
--> statement-breakpoint
ALTER TABLE "workspaces" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "workspaces" TO parley_tenant USING (id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "memberships" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "invitations" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "api_tokens" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "api_tokens" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
--> statement-breakpoint
ALTER TABLE "workspace_keys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "workspace_keys" TO parley_tenant USING (workspace_id = current_setting('parley.workspace_id', true));
