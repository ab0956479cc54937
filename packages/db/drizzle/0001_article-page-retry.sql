ALTER TABLE "articles" ADD COLUMN "fetch_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "fetch_error" text;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "retry_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "articles_retry_idx" ON "articles" USING btree ("feed_id","retry_at") WHERE "articles"."retry_at" is not null;