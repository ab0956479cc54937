CREATE TYPE "public"."extraction_status" AS ENUM('full', 'feed_only', 'paywalled', 'failed');--> statement-breakpoint
CREATE TABLE "articles" (
	"id" text PRIMARY KEY NOT NULL,
	"url" text,
	"outlet_id" integer,
	"feed_id" integer,
	"guid" text,
	"title" text NOT NULL,
	"byline" text,
	"published_at" timestamp with time zone,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"language" text,
	"summary" text,
	"text" text,
	"content_hash" text NOT NULL,
	"word_count" integer DEFAULT 0 NOT NULL,
	"extraction_status" "extraction_status" NOT NULL,
	"story_id" text,
	"clustered_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(summary, '')), 'B') || setweight(to_tsvector('english', coalesce(text, '')), 'C')) STORED
);
--> statement-breakpoint
CREATE TABLE "feeds" (
	"id" serial PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"outlet_id" integer NOT NULL,
	"title" text,
	"site_url" text,
	"etag" text,
	"last_modified" text,
	"next_fetch_at" timestamp with time zone DEFAULT now() NOT NULL,
	"interval_seconds" integer DEFAULT 3600 NOT NULL,
	"last_fetched_at" timestamp with time zone,
	"last_status" integer,
	"error_count" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"paused_reason" text,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outlets" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"domain" text NOT NULL,
	"country" text,
	"language" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"article_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"first_published_at" timestamp with time zone,
	"last_published_at" timestamp with time zone,
	"article_count" integer DEFAULT 0 NOT NULL,
	"outlet_count" integer DEFAULT 0 NOT NULL,
	"centroid_terms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_analyses" (
	"story_id" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"input_hash" text NOT NULL,
	"analysis" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_redirects" (
	"from_id" text PRIMARY KEY NOT NULL,
	"to_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feeds" ADD CONSTRAINT "feeds_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_analyses" ADD CONSTRAINT "story_analyses_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "articles_url_key" ON "articles" USING btree ("url");--> statement-breakpoint
CREATE INDEX "articles_story_idx" ON "articles" USING btree ("story_id","published_at");--> statement-breakpoint
CREATE INDEX "articles_outlet_idx" ON "articles" USING btree ("outlet_id","published_at");--> statement-breakpoint
CREATE INDEX "articles_feed_guid_idx" ON "articles" USING btree ("feed_id","guid");--> statement-breakpoint
CREATE INDEX "articles_content_hash_idx" ON "articles" USING btree ("content_hash");--> statement-breakpoint
CREATE INDEX "articles_unclustered_idx" ON "articles" USING btree ("fetched_at") WHERE "articles"."clustered_at" is null;--> statement-breakpoint
CREATE INDEX "articles_search_idx" ON "articles" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "feeds_url_key" ON "feeds" USING btree ("url");--> statement-breakpoint
CREATE INDEX "feeds_due_idx" ON "feeds" USING btree ("enabled","next_fetch_at");--> statement-breakpoint
CREATE INDEX "feeds_outlet_idx" ON "feeds" USING btree ("outlet_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outlets_domain_key" ON "outlets" USING btree ("domain");--> statement-breakpoint
CREATE INDEX "stories_last_published_idx" ON "stories" USING btree ("last_published_at");--> statement-breakpoint
CREATE INDEX "stories_updated_idx" ON "stories" USING btree ("updated_at");