ALTER TABLE "users" ALTER COLUMN "preferences" SET DEFAULT '{"browserNotifications":true,"titleBadge":true,"emailOnMention":true,"theme":"system"}'::jsonb;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "logo_sha256" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "logo_content_type" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "default_language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "default_time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "auto_assign_on_reply" boolean DEFAULT true NOT NULL;