ALTER TABLE "messages" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "channel_state" text DEFAULT 'connected' NOT NULL;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "channel_settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "channel_secrets_sealed" text;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "channel_error" text;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "channel_error_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "messages_external_id_key" ON "messages" USING btree ("workspace_id","external_id") WHERE "messages"."external_id" is not null;