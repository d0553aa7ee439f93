-- Cached public pages (src/features/catalog/page-cache.server.ts) are valid while these counters
-- stay put; every write that changes what they show bumps them in the same transaction.
-- Seats: only the registration columns that count seats or the waitlist.
CREATE TRIGGER `registrations_page_insert` AFTER INSERT ON registrations BEGIN
  INSERT INTO page_versions (scope, version) VALUES (NEW.session_id, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_page_update` AFTER UPDATE OF status, adults, session_id ON registrations BEGIN
  INSERT INTO page_versions (scope, version) VALUES (NEW.session_id, 1), (OLD.session_id, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_page_delete` AFTER DELETE ON registrations BEGIN
  INSERT INTO page_versions (scope, version) VALUES (OLD.session_id, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sessions_page_insert` AFTER INSERT ON sessions BEGIN
  INSERT INTO page_versions (scope, version) VALUES (NEW.id, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sessions_page_update` AFTER UPDATE ON sessions BEGIN
  INSERT INTO page_versions (scope, version) VALUES (NEW.id, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sessions_page_delete` AFTER DELETE ON sessions BEGIN
  INSERT INTO page_versions (scope, version) VALUES (OLD.id, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tracks_page_insert` AFTER INSERT ON tracks BEGIN
  INSERT INTO page_versions (scope, version) VALUES (-1, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tracks_page_update` AFTER UPDATE ON tracks BEGIN
  INSERT INTO page_versions (scope, version) VALUES (-1, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tracks_page_delete` AFTER DELETE ON tracks BEGIN
  INSERT INTO page_versions (scope, version) VALUES (-1, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_page_insert` AFTER INSERT ON organisations BEGIN
  INSERT INTO page_versions (scope, version) VALUES (-1, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_page_update` AFTER UPDATE ON organisations BEGIN
  INSERT INTO page_versions (scope, version) VALUES (-1, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_page_delete` AFTER DELETE ON organisations BEGIN
  INSERT INTO page_versions (scope, version) VALUES (-1, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schools_page_insert` AFTER INSERT ON schools BEGIN
  INSERT INTO page_versions (scope, version) VALUES (-1, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schools_page_update` AFTER UPDATE ON schools BEGIN
  INSERT INTO page_versions (scope, version) VALUES (-1, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schools_page_delete` AFTER DELETE ON schools BEGIN
  INSERT INTO page_versions (scope, version) VALUES (-1, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
