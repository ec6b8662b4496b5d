-- Search: full-text (GIN over workspace + words, with btree_gin) for messages, trigram for contacts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS messages_search_idx ON messages USING gin (workspace_id, search_vector);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contacts_name_trgm_idx ON contacts USING gin (name gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contacts_email_trgm_idx ON contacts USING gin (email gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contacts_phone_trgm_idx ON contacts USING gin (phone gin_trgm_ops);
