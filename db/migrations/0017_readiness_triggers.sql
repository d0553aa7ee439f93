-- Keeps the readiness summary (readiness_trained, readiness_parents) honest whatever writes the
-- tables it counts: attendance taken at the door or synced offline, cancellations, erasure,
-- account and session edits, track kinds, the demo data, the CLI. Each trigger only names the
-- schools whose counts may have changed (readiness_stale); the next readiness read recounts
-- them (src/features/readiness/readiness-summary.server.ts). Bookings write none of these
-- columns, so the booking path pays nothing. drizzle-kit cannot express triggers: hand-written.
-- No INSERT OR IGNORE: inside a trigger the firing statement's conflict policy wins (an attendance
-- upsert would turn IGNORE into ABORT), so each trigger inserts only schools not yet stale.
INSERT INTO `readiness_stale` (school_uai) SELECT uai FROM `schools`;
--> statement-breakpoint
CREATE TRIGGER `readiness_attendance_insert` AFTER INSERT ON `attendance` BEGIN
  INSERT INTO `readiness_stale` (school_uai) SELECT uai FROM (
    SELECT u.school_uai AS uai FROM registrations r JOIN users u ON u.id = r.user_id WHERE r.id = new.registration_id AND u.school_uai IS NOT NULL
    UNION SELECT r.child_school_uai FROM registrations r WHERE r.id = new.registration_id AND r.child_school_uai IS NOT NULL
    UNION SELECT s.school_uai FROM registrations r JOIN sessions s ON s.id = r.session_id WHERE r.id = new.registration_id AND s.school_uai IS NOT NULL
  ) WHERE uai NOT IN (SELECT school_uai FROM `readiness_stale`);
END;
--> statement-breakpoint
CREATE TRIGGER `readiness_attendance_update` AFTER UPDATE OF present, registration_id ON `attendance`
WHEN old.present IS NOT new.present OR old.registration_id IS NOT new.registration_id BEGIN
  INSERT INTO `readiness_stale` (school_uai) SELECT uai FROM (
    SELECT u.school_uai AS uai FROM registrations r JOIN users u ON u.id = r.user_id WHERE r.id = new.registration_id AND u.school_uai IS NOT NULL
    UNION SELECT r.child_school_uai FROM registrations r WHERE r.id = new.registration_id AND r.child_school_uai IS NOT NULL
    UNION SELECT s.school_uai FROM registrations r JOIN sessions s ON s.id = r.session_id WHERE r.id = new.registration_id AND s.school_uai IS NOT NULL
    UNION SELECT u.school_uai FROM registrations r JOIN users u ON u.id = r.user_id WHERE r.id = old.registration_id AND u.school_uai IS NOT NULL
    UNION SELECT r.child_school_uai FROM registrations r WHERE r.id = old.registration_id AND r.child_school_uai IS NOT NULL
    UNION SELECT s.school_uai FROM registrations r JOIN sessions s ON s.id = r.session_id WHERE r.id = old.registration_id AND s.school_uai IS NOT NULL
  ) WHERE uai NOT IN (SELECT school_uai FROM `readiness_stale`);
END;
--> statement-breakpoint
-- Deleted on its own (attendance undone); with its registration, the trigger below names the schools.
CREATE TRIGGER `readiness_attendance_delete` AFTER DELETE ON `attendance` BEGIN
  INSERT INTO `readiness_stale` (school_uai) SELECT uai FROM (
    SELECT u.school_uai AS uai FROM registrations r JOIN users u ON u.id = r.user_id WHERE r.id = old.registration_id AND u.school_uai IS NOT NULL
    UNION SELECT r.child_school_uai FROM registrations r WHERE r.id = old.registration_id AND r.child_school_uai IS NOT NULL
    UNION SELECT s.school_uai FROM registrations r JOIN sessions s ON s.id = r.session_id WHERE r.id = old.registration_id AND s.school_uai IS NOT NULL
  ) WHERE uai NOT IN (SELECT school_uai FROM `readiness_stale`);
END;
--> statement-breakpoint
-- Before: the cascade removes its attendance, and only then would an AFTER trigger run.
CREATE TRIGGER `readiness_registration_delete` BEFORE DELETE ON `registrations`
WHEN EXISTS (SELECT 1 FROM attendance WHERE registration_id = old.id) BEGIN
  INSERT INTO `readiness_stale` (school_uai) SELECT uai FROM (
    SELECT school_uai AS uai FROM users WHERE id = old.user_id AND school_uai IS NOT NULL
    UNION SELECT old.child_school_uai WHERE old.child_school_uai IS NOT NULL
    UNION SELECT school_uai FROM sessions WHERE id = old.session_id AND school_uai IS NOT NULL
  ) WHERE uai NOT IN (SELECT school_uai FROM `readiness_stale`);
END;
--> statement-breakpoint
-- Who came counts by email, phone or teacher account: erasure and a corrected contact change the counts.
CREATE TRIGGER `readiness_registration_update` AFTER UPDATE OF user_id, session_id, child_school_uai, email, phone ON `registrations`
WHEN EXISTS (SELECT 1 FROM attendance WHERE registration_id = new.id) AND (old.user_id IS NOT new.user_id OR old.session_id IS NOT new.session_id
  OR old.child_school_uai IS NOT new.child_school_uai OR old.email IS NOT new.email OR old.phone IS NOT new.phone) BEGIN
  INSERT INTO `readiness_stale` (school_uai) SELECT uai FROM (
    SELECT school_uai AS uai FROM users WHERE id = new.user_id AND school_uai IS NOT NULL
    UNION SELECT new.child_school_uai WHERE new.child_school_uai IS NOT NULL
    UNION SELECT school_uai FROM sessions WHERE id = new.session_id AND school_uai IS NOT NULL
    UNION SELECT school_uai FROM users WHERE id = old.user_id AND school_uai IS NOT NULL
    UNION SELECT old.child_school_uai WHERE old.child_school_uai IS NOT NULL
    UNION SELECT school_uai FROM sessions WHERE id = old.session_id AND school_uai IS NOT NULL
  ) WHERE uai NOT IN (SELECT school_uai FROM `readiness_stale`);
END;
--> statement-breakpoint
CREATE TRIGGER `readiness_user_update` AFTER UPDATE OF school_uai, role ON `users`
WHEN old.school_uai IS NOT new.school_uai OR old.role IS NOT new.role BEGIN
  INSERT INTO `readiness_stale` (school_uai) SELECT uai FROM (
    SELECT old.school_uai AS uai WHERE old.school_uai IS NOT NULL UNION SELECT new.school_uai WHERE new.school_uai IS NOT NULL
  ) WHERE uai NOT IN (SELECT school_uai FROM `readiness_stale`);
END;
--> statement-breakpoint
CREATE TRIGGER `readiness_user_delete` AFTER DELETE ON `users` WHEN old.school_uai IS NOT NULL BEGIN
  INSERT INTO `readiness_stale` (school_uai) SELECT uai FROM (
    SELECT old.school_uai AS uai
  ) WHERE uai NOT IN (SELECT school_uai FROM `readiness_stale`);
END;
--> statement-breakpoint
CREATE TRIGGER `readiness_session_update` AFTER UPDATE OF track_id, school_uai, audience ON `sessions`
WHEN old.track_id IS NOT new.track_id OR old.school_uai IS NOT new.school_uai OR old.audience IS NOT new.audience BEGIN
  INSERT INTO `readiness_stale` (school_uai) SELECT uai FROM (
    SELECT old.school_uai AS uai WHERE old.school_uai IS NOT NULL
    UNION SELECT new.school_uai WHERE new.school_uai IS NOT NULL
    UNION SELECT u.school_uai FROM registrations r JOIN attendance a ON a.registration_id = r.id JOIN users u ON u.id = r.user_id
      WHERE r.session_id = new.id AND u.school_uai IS NOT NULL
    UNION SELECT r.child_school_uai FROM registrations r JOIN attendance a ON a.registration_id = r.id
      WHERE r.session_id = new.id AND r.child_school_uai IS NOT NULL
  ) WHERE uai NOT IN (SELECT school_uai FROM `readiness_stale`);
END;
--> statement-breakpoint
-- Rare (a Drane edit) and possibly region-wide: every school with a teacher who came to the track.
CREATE TRIGGER `readiness_track_update` AFTER UPDATE OF equipment_kinds ON `tracks`
WHEN old.equipment_kinds IS NOT new.equipment_kinds BEGIN
  INSERT INTO `readiness_stale` (school_uai) SELECT uai FROM (
    SELECT DISTINCT u.school_uai AS uai FROM sessions s JOIN registrations r ON r.session_id = s.id
      JOIN attendance a ON a.registration_id = r.id JOIN users u ON u.id = r.user_id
      WHERE s.track_id = new.id AND u.school_uai IS NOT NULL
  ) WHERE uai NOT IN (SELECT school_uai FROM `readiness_stale`);
END;
