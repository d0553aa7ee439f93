ALTER TABLE `registrations` ADD `needs` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `translations` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `tracks` ADD `translations` text DEFAULT '{}' NOT NULL;