CREATE TABLE `article_tickers` (
	`article_id` integer NOT NULL,
	`symbol` text NOT NULL,
	`relevance` real NOT NULL,
	`sentiment_score` real NOT NULL,
	`sentiment_label` text NOT NULL,
	`mentions` integer NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`article_id`, `symbol`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_tickers_symbol_at_idx` ON `article_tickers` (`symbol`,`at`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`content_hash` text NOT NULL,
	`url` text,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`source_name` text NOT NULL,
	`origin` text NOT NULL,
	`published_at` integer,
	`seen_at` integer NOT NULL,
	`sentiment_score` real NOT NULL,
	`sentiment_label` text NOT NULL,
	`summary` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_content_hash_uq` ON `articles` (`content_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `articles_url_uq` ON `articles` (`url`);--> statement-breakpoint
CREATE INDEX `articles_seen_at_idx` ON `articles` (`seen_at`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`outbox_id` integer NOT NULL,
	`attempt` integer NOT NULL,
	`at` integer NOT NULL,
	`outcome` text NOT NULL,
	`error` text,
	`remote_id` text,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deliveries_outbox_idx` ON `deliveries` (`outbox_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`platform` text NOT NULL,
	`workspace` text NOT NULL,
	`channel` text NOT NULL,
	`message` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`remote_id` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_article_scope_uq` ON `outbox` (`article_id`,`platform`,`workspace`,`channel`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `watch_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace` text NOT NULL,
	`channel` text NOT NULL,
	`symbol` text NOT NULL,
	`above` real,
	`below` real,
	`min_relevance` real NOT NULL,
	`muted_until` integer,
	`paused` integer DEFAULT false NOT NULL,
	`paused_reason` text,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `watch_rules_scope_symbol_uq` ON `watch_rules` (`platform`,`workspace`,`channel`,`symbol`);--> statement-breakpoint
CREATE INDEX `watch_rules_symbol_idx` ON `watch_rules` (`symbol`);