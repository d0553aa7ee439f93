CREATE TABLE `building_schools` (
	`building` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`school_uai` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`school_uai`) REFERENCES `schools`(`uai`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `report_follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`iso_week` text NOT NULL,
	`what` text NOT NULL,
	`who` text DEFAULT '' NOT NULL,
	`due_on` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`created_by` integer,
	`closed_week` text,
	`closed_at` integer,
	`closed_by` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `report_follow_ups_week_idx` ON `report_follow_ups` (`iso_week`,`closed_week`);--> statement-breakpoint
CREATE TABLE `rollout_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`created_by` integer,
	`file_name` text DEFAULT '' NOT NULL,
	`format` text,
	`mode` text DEFAULT 'replace' NOT NULL,
	`changes` text NOT NULL,
	`undone_at` integer,
	`undone_by` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`undone_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `schools` ADD `priority_education` text;