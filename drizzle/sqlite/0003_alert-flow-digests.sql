CREATE TABLE `alert_windows` (
	`platform` text NOT NULL,
	`workspace` text NOT NULL,
	`channel` text NOT NULL,
	`symbol` text NOT NULL,
	`opened_at` integer NOT NULL,
	`sent` integer NOT NULL,
	PRIMARY KEY(`platform`, `workspace`, `channel`, `symbol`)
);
--> statement-breakpoint
CREATE TABLE `digests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace` text NOT NULL,
	`channel` text NOT NULL,
	`cadence` text NOT NULL,
	`weekday` integer,
	`time` text NOT NULL,
	`timezone` text NOT NULL,
	`trading_days_only` integer DEFAULT true NOT NULL,
	`last_run_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digests_scope_uq` ON `digests` (`platform`,`workspace`,`channel`);--> statement-breakpoint
CREATE TABLE `quiet_hours` (
	`platform` text NOT NULL,
	`workspace` text NOT NULL,
	`channel` text NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`timezone` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `workspace`, `channel`)
);
--> statement-breakpoint
-- Hand-adjusted: migrations run in one transaction with foreign keys ON, where PRAGMA foreign_keys
-- is a no-op, so dropping the old outbox would cascade-delete every delivery record. deliveries is
-- moved to a copy pointing at the new outbox first; the renames then rewrite its reference.
CREATE TABLE `__new_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer,
	`dedupe_key` text,
	`platform` text NOT NULL,
	`workspace` text NOT NULL,
	`channel` text NOT NULL,
	`deferred` text,
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
INSERT INTO `__new_outbox`("id", "article_id", "platform", "workspace", "channel", "message", "status", "attempts", "next_attempt_at", "last_error", "remote_id", "created_at", "sent_at") SELECT "id", "article_id", "platform", "workspace", "channel", "message", "status", "attempts", "next_attempt_at", "last_error", "remote_id", "created_at", "sent_at" FROM `outbox`;--> statement-breakpoint
CREATE TABLE `__new_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`outbox_id` integer NOT NULL,
	`attempt` integer NOT NULL,
	`at` integer NOT NULL,
	`outcome` text NOT NULL,
	`error` text,
	`remote_id` text,
	FOREIGN KEY (`outbox_id`) REFERENCES `__new_outbox`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_deliveries`("id", "outbox_id", "attempt", "at", "outcome", "error", "remote_id") SELECT "id", "outbox_id", "attempt", "at", "outcome", "error", "remote_id" FROM `deliveries`;--> statement-breakpoint
DROP TABLE `deliveries`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
ALTER TABLE `__new_deliveries` RENAME TO `deliveries`;--> statement-breakpoint
CREATE INDEX `deliveries_outbox_idx` ON `deliveries` (`outbox_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_article_scope_uq` ON `outbox` (`article_id`,`platform`,`workspace`,`channel`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_uq` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
ALTER TABLE `watch_rules` ADD `cooldown_minutes` integer;--> statement-breakpoint
ALTER TABLE `watch_rules` ADD `shift` real;--> statement-breakpoint
ALTER TABLE `watch_rules` ADD `shift_baseline` real;