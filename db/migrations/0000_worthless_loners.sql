CREATE TABLE `attendance` (
	`registration_id` integer PRIMARY KEY NOT NULL,
	`present` integer NOT NULL,
	`marked_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`marked_by` integer,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`marked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`actor_user_id` integer,
	`actor_kind` text NOT NULL,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text,
	`details` text,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_subject_idx` ON `audit_log` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `auth_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_verified_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `auth_sessions_user_idx` ON `auth_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `equipment_rollouts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_uai` text NOT NULL,
	`kind` text NOT NULL,
	`quantity` integer NOT NULL,
	`planned_on` text,
	`delivered_on` text,
	`source` text DEFAULT 'manual' NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`school_uai`) REFERENCES `schools`(`uai`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "rollouts_kind" CHECK(kind in ('interactive-display', 'classroom-computer', 'tablet', 'teacher-laptop', 'projector')),
	CONSTRAINT "rollouts_quantity" CHECK("equipment_rollouts"."quantity" >= 0),
	CONSTRAINT "rollouts_dated" CHECK("equipment_rollouts"."planned_on" is not null or "equipment_rollouts"."delivered_on" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rollouts_school_kind_uq` ON `equipment_rollouts` (`school_uai`,`kind`);--> statement-breakpoint
CREATE TABLE `job_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`lease_until` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `job_runs` (
	`job` text NOT NULL,
	`period` text NOT NULL,
	`ran_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`result` text,
	PRIMARY KEY(`job`, `period`)
);
--> statement-breakpoint
CREATE TABLE `manage_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`registration_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`contact_email` text,
	`contact_phone` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_slug_unique` ON `organisations` (`slug`);--> statement-breakpoint
CREATE TABLE `outbox` (
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
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "outbox_status" CHECK(status in ('pending', 'held', 'sending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`status` text NOT NULL,
	`queued_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`first_name` text,
	`last_name` text,
	`email` text,
	`phone` text,
	`child_school_uai` text,
	`language` text DEFAULT 'fr' NOT NULL,
	`adults` integer DEFAULT 1 NOT NULL,
	`user_id` integer,
	`manage_token_hash` text,
	`code` text NOT NULL,
	`created_by` integer,
	`invite_sequence` integer DEFAULT 0 NOT NULL,
	`last_op` text,
	`consent_at` integer,
	`cancelled_at` integer,
	`erased_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`child_school_uai`) REFERENCES `schools`(`uai`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "registrations_status" CHECK(status in ('confirmed', 'waitlisted', 'cancelled')),
	CONSTRAINT "registrations_adults" CHECK("registrations"."adults" between 1 and 2),
	CONSTRAINT "registrations_reachable" CHECK("registrations"."erased_at" is not null or "registrations"."email" is not null or "registrations"."phone" is not null or "registrations"."user_id" is not null or "registrations"."created_by" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_manage_token_hash_unique` ON `registrations` (`manage_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_code_unique` ON `registrations` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_email_uq` ON `registrations` (`session_id`,`email`) WHERE "registrations"."email" is not null and "registrations"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_phone_uq` ON `registrations` (`session_id`,`phone`) WHERE "registrations"."phone" is not null and "registrations"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_user_uq` ON `registrations` (`session_id`,`user_id`) WHERE "registrations"."user_id" is not null and "registrations"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX `registrations_session_status_idx` ON `registrations` (`session_id`,`status`,`queued_at`,`adults`);--> statement-breakpoint
CREATE INDEX `registrations_user_idx` ON `registrations` (`user_id`);--> statement-breakpoint
CREATE INDEX `registrations_child_school_idx` ON `registrations` (`child_school_uai`);--> statement-breakpoint
CREATE INDEX `registrations_last_op_idx` ON `registrations` (`last_op`);--> statement-breakpoint
CREATE TABLE `schools` (
	`uai` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`arrondissement` integer NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`postcode` text DEFAULT '' NOT NULL,
	`city` text DEFAULT 'Marseille' NOT NULL,
	`latitude` real,
	`longitude` real,
	`classes` integer DEFAULT 0 NOT NULL,
	`pupils` integer DEFAULT 0 NOT NULL,
	`teachers` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "schools_uai_format" CHECK(length("schools"."uai") = 8),
	CONSTRAINT "schools_kind" CHECK(kind in ('nursery', 'elementary', 'primary')),
	CONSTRAINT "schools_arrondissement" CHECK("schools"."arrondissement" between 1 and 16),
	CONSTRAINT "schools_counts" CHECK("schools"."classes" >= 0 and "schools"."pupils" >= 0 and "schools"."teachers" >= 0)
);
--> statement-breakpoint
CREATE INDEX `schools_arrondissement_idx` ON `schools` (`arrondissement`);--> statement-breakpoint
CREATE INDEX `schools_name_idx` ON `schools` (`name`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`track_id` integer,
	`organisation_id` integer NOT NULL,
	`trainer_id` integer,
	`title` text NOT NULL,
	`audience` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`venue_name` text NOT NULL,
	`venue_address` text DEFAULT '' NOT NULL,
	`school_uai` text,
	`capacity` integer NOT NULL,
	`languages` text DEFAULT '["fr"]' NOT NULL,
	`interpreter_note` text DEFAULT '' NOT NULL,
	`childcare_note` text DEFAULT '' NOT NULL,
	`accessibility_note` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`cancel_reason` text,
	`change_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`track_id`) REFERENCES `tracks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trainer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`school_uai`) REFERENCES `schools`(`uai`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "sessions_audience" CHECK(audience in ('parent', 'teacher')),
	CONSTRAINT "sessions_status" CHECK(status in ('scheduled', 'cancelled')),
	CONSTRAINT "sessions_times" CHECK("sessions"."ends_at" > "sessions"."starts_at"),
	CONSTRAINT "sessions_capacity" CHECK("sessions"."capacity" between 0 and 10000)
);
--> statement-breakpoint
CREATE INDEX `sessions_starts_idx` ON `sessions` (`audience`,`status`,`starts_at`);--> statement-breakpoint
CREATE INDEX `sessions_school_idx` ON `sessions` (`school_uai`);--> statement-breakpoint
CREATE INDEX `sessions_org_idx` ON `sessions` (`organisation_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `tracks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`audience` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`equipment_kinds` text DEFAULT '[]' NOT NULL,
	`duration_minutes` integer DEFAULT 120 NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tracks_audience" CHECK(audience in ('parent', 'teacher')),
	CONSTRAINT "tracks_duration" CHECK("tracks"."duration_minutes" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tracks_slug_unique` ON `tracks` (`slug`);--> statement-breakpoint
CREATE TABLE `user_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "user_tokens_purpose" CHECK(purpose in ('verify-email', 'reset-password', 'invite'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_tokens_token_hash_unique` ON `user_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`organisation_id` integer,
	`school_uai` text,
	`password_hash` text,
	`email_verified_at` integer,
	`active` integer DEFAULT true NOT NULL,
	`calendar_feed_token_hash` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_uai`) REFERENCES `schools`(`uai`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "users_role" CHECK(role in ('teacher', 'trainer', 'drane', 'city', 'admin'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_calendar_feed_token_hash_unique` ON `users` (`calendar_feed_token_hash`);--> statement-breakpoint
CREATE INDEX `users_school_idx` ON `users` (`school_uai`,`role`);--> statement-breakpoint
CREATE TABLE `weekly_reports` (
	`iso_week` text PRIMARY KEY NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`data` text NOT NULL
);
