CREATE TABLE `notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`op` text NOT NULL,
	`kind` text NOT NULL,
	`registration_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`called_at` integer,
	`called_by` integer,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`called_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notices_op_registration_uq` ON `notices` (`op`,`registration_id`);--> statement-breakpoint
CREATE INDEX `notices_session_idx` ON `notices` (`session_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sms_parts` (
	`part_id` text PRIMARY KEY NOT NULL,
	`outbox_id` integer,
	`status` text DEFAULT 'sent' NOT NULL,
	`error` text,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "sms_parts_status" CHECK(status in ('sent', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `sms_parts_outbox_idx` ON `sms_parts` (`outbox_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`kind` text NOT NULL,
	`registration_id` integer,
	`recipient` text NOT NULL,
	`language` text DEFAULT 'fr' NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`lease_owner` text,
	`lease_until` integer,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`channel` text DEFAULT 'email' NOT NULL,
	`op` text,
	`segments` integer,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "outbox_status" CHECK(status in ('pending', 'held', 'sending', 'sent', 'delivered', 'failed')),
	CONSTRAINT "outbox_channel" CHECK(channel in ('email', 'sms'))
);
--> statement-breakpoint
INSERT INTO `__new_outbox`("id", "dedupe_key", "kind", "registration_id", "recipient", "language", "payload", "status", "attempts", "next_attempt_at", "lease_owner", "lease_until", "last_error", "sent_at", "created_at") SELECT "id", "dedupe_key", "kind", "registration_id", "recipient", "language", "payload", "status", "attempts", "next_attempt_at", "lease_owner", "lease_until", "last_error", "sent_at", "created_at" FROM `outbox`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_registration_idx` ON `outbox` (`registration_id`,`op`);