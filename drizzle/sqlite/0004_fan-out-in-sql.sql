DROP INDEX `watch_rules_symbol_idx`;--> statement-breakpoint
CREATE INDEX `watch_rules_match_idx` ON `watch_rules` (`symbol`,`paused`,`shift`,`muted_until`,`min_relevance`,`above`,`below`,`platform`,`workspace`,`channel`);--> statement-breakpoint
DROP INDEX `outbox_dedupe_key_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_uq` ON `outbox` (`dedupe_key`) WHERE "outbox"."dedupe_key" IS NOT NULL;