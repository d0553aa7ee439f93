CREATE TABLE `attestations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`user_id` integer NOT NULL,
	`subject` text NOT NULL,
	`snapshot` text NOT NULL,
	`revoked_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attestations_code_unique` ON `attestations` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `attestations_user_subject_uq` ON `attestations` (`user_id`,`subject`);--> statement-breakpoint
ALTER TABLE `schools` ADD `contact_email` text;--> statement-breakpoint
ALTER TABLE `tracks` ADD `hours` real;--> statement-breakpoint
ALTER TABLE `tracks` ADD `gaia_module` text;--> statement-breakpoint
ALTER TABLE `tracks` ADD `retired_at` integer;