CREATE TABLE `attendance_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`registration_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `attendance` ADD `status` text DEFAULT 'present' NOT NULL;