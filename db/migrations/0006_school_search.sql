-- Schools found by name, then address, with SQLite's FTS5 and its trigram tokenizer: any part of a
-- word matches ("louis" in "Saint-Louis"), case and accents ignored. drizzle-kit cannot express a
-- virtual table, so this migration is hand-written; the triggers keep the index in step with
-- `schools` whatever writes it (the directory import, the demo data, the CLI).
CREATE VIRTUAL TABLE `schools_search` USING fts5(uai UNINDEXED, name, address, tokenize = 'trigram remove_diacritics 1');
--> statement-breakpoint
INSERT INTO `schools_search` (uai, name, address) SELECT uai, name, address FROM `schools`;
--> statement-breakpoint
CREATE TRIGGER `schools_search_insert` AFTER INSERT ON `schools` BEGIN
  INSERT INTO `schools_search` (uai, name, address) VALUES (new.uai, new.name, new.address);
END;
--> statement-breakpoint
CREATE TRIGGER `schools_search_delete` AFTER DELETE ON `schools` BEGIN
  DELETE FROM `schools_search` WHERE uai = old.uai;
END;
--> statement-breakpoint
-- Only a real change rewrites the entry: an import that upserts unchanged rows costs nothing here.
CREATE TRIGGER `schools_search_update` AFTER UPDATE OF uai, name, address ON `schools`
WHEN old.uai IS NOT new.uai OR old.name IS NOT new.name OR old.address IS NOT new.address BEGIN
  DELETE FROM `schools_search` WHERE uai = old.uai;
  INSERT INTO `schools_search` (uai, name, address) VALUES (new.uai, new.name, new.address);
END;
