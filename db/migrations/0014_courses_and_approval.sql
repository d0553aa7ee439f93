CREATE TABLE `approval_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`approver_email` text NOT NULL,
	`token_hash` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`registration_id` integer,
	`decided_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "approval_requests_status" CHECK(status in ('pending', 'approved', 'refused'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_requests_token_hash_unique` ON `approval_requests` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `approval_requests_live_uq` ON `approval_requests` (`session_id`,`user_id`) WHERE "approval_requests"."status" = 'pending';--> statement-breakpoint
CREATE TABLE `date_attendance` (
	`registration_id` integer NOT NULL,
	`date_id` integer NOT NULL,
	`present` integer NOT NULL,
	`marked_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`marked_by` integer,
	PRIMARY KEY(`registration_id`, `date_id`),
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`date_id`) REFERENCES `session_dates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`marked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `session_dates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`cancel_reason` text,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "session_dates_times" CHECK("session_dates"."ends_at" > "session_dates"."starts_at"),
	CONSTRAINT "session_dates_status" CHECK(status in ('scheduled', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX `session_dates_session_idx` ON `session_dates` (`session_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `track_approvers` (
	`track_id` integer PRIMARY KEY NOT NULL,
	`approver_email` text NOT NULL,
	FOREIGN KEY (`track_id`) REFERENCES `tracks`(`id`) ON UPDATE no action ON DELETE cascade
);
