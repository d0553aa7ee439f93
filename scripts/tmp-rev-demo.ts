import { existsSync } from 'node:fs';
import { openDb, prepareConnection } from '~/platform/db/db.server';
import { applyMigrations } from '~/platform/db/migrate.server';
import { seedDemoData } from '~/demo/seed';
import { buildMeetingReport } from '~/features/readiness/weekly-report/meeting/meeting-report.server';
import { isoWeekOf } from '~/features/readiness/weekly-report/iso-week';
import { utcToParisLocal } from '~/platform/text/dates';
import { meetingSheets } from '~/features/readiness/weekly-report/meeting/meeting-sheets';
import { cellText } from '~/platform/text/sheet';
const url = 'file:/tmp/rev/demo.db';
const fresh = !existsSync('/tmp/rev/demo.db');
const db = openDb(url);
await prepareConnection(db, url);
await applyMigrations(db);
if (fresh) await seedDemoData(db);
const week = process.argv[2] ?? isoWeekOf(utcToParisLocal(Date.now()).date);
const runs: number[] = [];
let r;
for (let i = 0; i < 3; i++) { const t = performance.now(); r = await buildMeetingReport(db, week); runs.push(Math.round(performance.now() - t)); }
console.log('build ms', runs.join(', '));
for (const s of meetingSheets(r!)) {
  console.log(`\n## ${s.title} (${s.rows.length} lignes)`);
  console.log(s.headers.join(' | '));
  for (const row of s.rows.slice(0, 8)) console.log(row.map(cellText).join(' | '));
  if (s.rows.length > 8) console.log(`… ${s.rows.length - 8} de plus`);
}
