CREATE TABLE `interest_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_uai` text NOT NULL,
	`language` text NOT NULL,
	`message_language` text DEFAULT 'fr' NOT NULL,
	`email` text,
	`phone` text,
	`contact_key` text,
	`consent_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`withdrawn_at` integer,
	`erased_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`school_uai`) REFERENCES `schools`(`uai`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "interest_reachable" CHECK("interest_requests"."erased_at" is not null or "interest_requests"."email" is not null or "interest_requests"."phone" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interest_live_uq` ON `interest_requests` (`school_uai`,`language`,`contact_key`) WHERE "interest_requests"."erased_at" is null;--> statement-breakpoint
CREATE INDEX `interest_school_idx` ON `interest_requests` (`school_uai`,`language`,`expires_at`);--> statement-breakpoint
CREATE TABLE `interest_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`request_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `interest_requests`(`id`) ON UPDATE no action ON DELETE cascade
);
