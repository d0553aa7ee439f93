CREATE TABLE `readiness_parents` (
	`school_uai` text PRIMARY KEY NOT NULL,
	`parents` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `readiness_stale` (
	`school_uai` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `readiness_trained` (
	`school_uai` text NOT NULL,
	`kind` text NOT NULL,
	`trained` integer NOT NULL,
	PRIMARY KEY(`school_uai`, `kind`)
);
