-- A course's dates are shown on its session page and catalog card: moving or cancelling one
-- date must drop the cached pages like any other session change (see 0009).
CREATE TRIGGER `session_dates_page_insert` AFTER INSERT ON session_dates BEGIN
  INSERT INTO page_versions (scope, version) VALUES (NEW.session_id, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `session_dates_page_update` AFTER UPDATE ON session_dates BEGIN
  INSERT INTO page_versions (scope, version) VALUES (NEW.session_id, 1), (OLD.session_id, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `session_dates_page_delete` AFTER DELETE ON session_dates BEGIN
  INSERT INTO page_versions (scope, version) VALUES (OLD.session_id, 1), (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
