PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_users` (
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
	`weekly_report` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_uai`) REFERENCES `schools`(`uai`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "users_role" CHECK(role in ('teacher', 'trainer', 'coordinator', 'drane', 'city', 'admin'))
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "email", "name", "role", "organisation_id", "school_uai", "password_hash", "email_verified_at", "active", "calendar_feed_token_hash", "weekly_report", "created_at") SELECT "id", "email", "name", "role", "organisation_id", "school_uai", "password_hash", "email_verified_at", "active", "calendar_feed_token_hash", "weekly_report", "created_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_calendar_feed_token_hash_unique` ON `users` (`calendar_feed_token_hash`);--> statement-breakpoint
CREATE INDEX `users_school_idx` ON `users` (`school_uai`,`role`);--> statement-breakpoint
ALTER TABLE `organisations` ADD `audience` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `consent_version` text;--> statement-breakpoint
UPDATE `organisations` SET `audience` = 'parent' WHERE `slug` = 'ligue';--> statement-breakpoint
UPDATE `organisations` SET `audience` = 'teacher' WHERE `slug` = 'drane';