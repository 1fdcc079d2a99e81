CREATE TABLE `article_origins` (
	`article_id` integer NOT NULL,
	`origin` text NOT NULL,
	`source_name` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	PRIMARY KEY(`article_id`, `origin`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_origins_origin_idx` ON `article_origins` (`origin`);--> statement-breakpoint
-- Stories stored before origins were kept: the way each first arrived.
INSERT INTO `article_origins` (`article_id`, `origin`, `source_name`, `first_seen_at`) SELECT `id`, `origin`, `source_name`, `seen_at` FROM `articles`;
