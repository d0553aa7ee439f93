DROP INDEX `registrations_user_idx`;--> statement-breakpoint
DROP INDEX `registrations_child_school_idx`;--> statement-breakpoint
CREATE INDEX `registrations_user_idx` ON `registrations` (`user_id`) WHERE "registrations"."user_id" is not null;--> statement-breakpoint
CREATE INDEX `registrations_child_school_idx` ON `registrations` (`child_school_uai`) WHERE "registrations"."child_school_uai" is not null;