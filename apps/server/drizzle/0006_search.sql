ALTER TABLE "messages" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "allow_search_index" boolean DEFAULT true NOT NULL;