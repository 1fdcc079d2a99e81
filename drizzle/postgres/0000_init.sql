CREATE TABLE "alert_windows" (
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"channel" text NOT NULL,
	"symbol" text NOT NULL,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"sent" integer NOT NULL,
	CONSTRAINT "alert_windows_platform_workspace_channel_symbol_pk" PRIMARY KEY("platform","workspace","channel","symbol")
);
--> statement-breakpoint
CREATE TABLE "article_origins" (
	"article_id" bigint NOT NULL,
	"origin" text NOT NULL,
	"source_name" text NOT NULL,
	"first_seen_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "article_origins_article_id_origin_pk" PRIMARY KEY("article_id","origin")
);
--> statement-breakpoint
CREATE TABLE "article_sources" (
	"article_id" bigint NOT NULL,
	"source_name" text NOT NULL,
	"first_seen_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "article_sources_article_id_source_name_pk" PRIMARY KEY("article_id","source_name")
);
--> statement-breakpoint
CREATE TABLE "article_tickers" (
	"article_id" bigint NOT NULL,
	"symbol" text NOT NULL,
	"relevance" double precision NOT NULL,
	"sentiment_score" double precision NOT NULL,
	"sentiment_label" text NOT NULL,
	"mentions" integer NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "article_tickers_article_id_symbol_pk" PRIMARY KEY("article_id","symbol")
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"content_hash" text NOT NULL,
	"url" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"source_name" text NOT NULL,
	"origin" text NOT NULL,
	"published_at" timestamp (3) with time zone,
	"seen_at" timestamp (3) with time zone NOT NULL,
	"sentiment_score" double precision NOT NULL,
	"sentiment_label" text NOT NULL,
	"summary" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"outbox_id" bigint NOT NULL,
	"attempt" integer NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"outcome" text NOT NULL,
	"error" text,
	"remote_id" text
);
--> statement-breakpoint
CREATE TABLE "digests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"channel" text NOT NULL,
	"cadence" text NOT NULL,
	"weekday" integer,
	"time" text NOT NULL,
	"timezone" text NOT NULL,
	"trading_days_only" boolean DEFAULT true NOT NULL,
	"last_run_at" timestamp (3) with time zone,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_subscriptions" (
	"feed_id" bigint NOT NULL,
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"channel" text NOT NULL,
	"added_by" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "feed_subscriptions_feed_id_platform_workspace_pk" PRIMARY KEY("feed_id","platform","workspace")
);
--> statement-breakpoint
CREATE TABLE "feeds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"title" text,
	"from_config" boolean DEFAULT false NOT NULL,
	"etag" text,
	"last_modified" text,
	"primed" boolean DEFAULT false NOT NULL,
	"item_count" integer,
	"next_poll_at" timestamp (3) with time zone NOT NULL,
	"last_polled_at" timestamp (3) with time zone,
	"last_success_at" timestamp (3) with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"disabled_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"article_id" bigint,
	"dedupe_key" text,
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"channel" text NOT NULL,
	"deferred" text,
	"message" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone NOT NULL,
	"last_error" text,
	"remote_id" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"sent_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "quiet_hours" (
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"channel" text NOT NULL,
	"start" text NOT NULL,
	"end" text NOT NULL,
	"timezone" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "quiet_hours_platform_workspace_channel_pk" PRIMARY KEY("platform","workspace","channel")
);
--> statement-breakpoint
CREATE TABLE "watch_rules" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"channel" text NOT NULL,
	"symbol" text NOT NULL,
	"above" double precision,
	"below" double precision,
	"min_relevance" double precision NOT NULL,
	"muted_until" timestamp (3) with time zone,
	"cooldown_minutes" integer,
	"shift" double precision,
	"shift_baseline" double precision,
	"paused" boolean DEFAULT false NOT NULL,
	"paused_reason" text,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "article_origins" ADD CONSTRAINT "article_origins_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_sources" ADD CONSTRAINT "article_sources_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_tickers" ADD CONSTRAINT "article_tickers_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_subscriptions" ADD CONSTRAINT "feed_subscriptions_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_origins_origin_idx" ON "article_origins" USING btree ("origin");--> statement-breakpoint
CREATE INDEX "article_tickers_symbol_at_idx" ON "article_tickers" USING btree ("symbol","at");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_content_hash_uq" ON "articles" USING btree ("content_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_url_uq" ON "articles" USING btree ("url");--> statement-breakpoint
CREATE INDEX "articles_seen_at_idx" ON "articles" USING btree ("seen_at");--> statement-breakpoint
CREATE INDEX "articles_title_lower_idx" ON "articles" USING btree (lower("title"));--> statement-breakpoint
CREATE INDEX "deliveries_outbox_idx" ON "deliveries" USING btree ("outbox_id");--> statement-breakpoint
CREATE UNIQUE INDEX "digests_scope_uq" ON "digests" USING btree ("platform","workspace","channel");--> statement-breakpoint
CREATE INDEX "feed_subscriptions_scope_idx" ON "feed_subscriptions" USING btree ("platform","workspace");--> statement-breakpoint
CREATE UNIQUE INDEX "feeds_url_uq" ON "feeds" USING btree ("url");--> statement-breakpoint
CREATE INDEX "feeds_next_poll_idx" ON "feeds" USING btree ("next_poll_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_article_scope_uq" ON "outbox" USING btree ("article_id","platform","workspace","channel");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_key_uq" ON "outbox" USING btree ("dedupe_key") WHERE "outbox"."dedupe_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "watch_rules_scope_symbol_uq" ON "watch_rules" USING btree ("platform","workspace","channel","symbol");--> statement-breakpoint
CREATE INDEX "watch_rules_match_idx" ON "watch_rules" USING btree ("symbol","paused","shift","muted_until","min_relevance","above","below","platform","workspace","channel");