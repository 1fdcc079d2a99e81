CREATE TABLE `article_sources` (
	`article_id` integer NOT NULL,
	`source_name` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	PRIMARY KEY(`article_id`, `source_name`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `feed_subscriptions` (
	`feed_id` integer NOT NULL,
	`platform` text NOT NULL,
	`workspace` text NOT NULL,
	`channel` text NOT NULL,
	`added_by` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`feed_id`, `platform`, `workspace`),
	FOREIGN KEY (`feed_id`) REFERENCES `feeds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `feed_subscriptions_scope_idx` ON `feed_subscriptions` (`platform`,`workspace`);--> statement-breakpoint
CREATE TABLE `feeds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`title` text,
	`from_config` integer DEFAULT false NOT NULL,
	`etag` text,
	`last_modified` text,
	`primed` integer DEFAULT false NOT NULL,
	`item_count` integer,
	`next_poll_at` integer NOT NULL,
	`last_polled_at` integer,
	`last_success_at` integer,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`disabled_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feeds_url_uq` ON `feeds` (`url`);--> statement-breakpoint
CREATE INDEX `feeds_next_poll_idx` ON `feeds` (`next_poll_at`);