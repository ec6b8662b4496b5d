-- Pictures are Parley's own files now: outside avatar URLs would be blocked by the dashboard's
-- Content-Security-Policy (img-src 'self'), so they are dropped and initials show until a picture is uploaded.
UPDATE "users" SET "avatar_url" = NULL WHERE "avatar_url" IS NOT NULL AND "avatar_url" !~ '^/api/avatars/[0-9a-f]{64}\.(png|jpg|gif|webp)$';
--> statement-breakpoint
UPDATE "contacts" SET "avatar_url" = NULL WHERE "avatar_url" IS NOT NULL AND "avatar_url" !~ '^/api/avatars/[0-9a-f]{64}\.(png|jpg|gif|webp)$';
