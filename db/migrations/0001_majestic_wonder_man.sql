ALTER TABLE `registrations` ADD `calendar_uid` text;--> statement-breakpoint
ALTER TABLE `users` ADD `weekly_report` integer DEFAULT true NOT NULL;--> statement-breakpoint
-- Rows that never had an invite get a random UID now; those that had one keep the UID their
-- calendars already hold (registration-<id>@<host>, calendar_uid left null).
UPDATE `registrations` SET `calendar_uid` = lower(hex(randomblob(16))) WHERE `invite_sequence` = 0;
