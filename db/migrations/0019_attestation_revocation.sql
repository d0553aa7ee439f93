ALTER TABLE `attestations` ADD `revoked_reason` text;--> statement-breakpoint
ALTER TABLE `attestations` ADD `revoked_by` integer;