// Writes schools read from the national directory into the database, by UAI: new ones are
// added, known ones updated; counts the directory lacks (classes, teachers, often pupils) and
// blank fields keep what the database has. One write, so a failed import changes nothing.
import { eq, sql } from 'drizzle-orm';
import { schools as schoolsTable } from '~db/schema';
import type { DirectorySchool, PriorityEducation } from './school-directory';
import { SYSTEM, auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';

export interface SchoolImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
}

type Stored = Omit<DirectorySchool, 'line' | 'pupils' | 'contactEmail' | 'priorityEducation'> & {
  pupils: number;
  contactEmail: string | null;
  priorityEducation: PriorityEducation | null;
};

const COLUMNS = [
  'name',
  'kind',
  'arrondissement',
  'address',
  'postcode',
  'city',
  'latitude',
  'longitude',
  'pupils',
  'contactEmail',
  'priorityEducation',
] as const;

async function storedSchools(db: Db, uais: string[]): Promise<Map<string, Stored>> {
  const rows = await db
    .select({
      uai: schoolsTable.uai,
      name: schoolsTable.name,
      kind: schoolsTable.kind,
      arrondissement: schoolsTable.arrondissement,
      address: schoolsTable.address,
      postcode: schoolsTable.postcode,
      city: schoolsTable.city,
      latitude: schoolsTable.latitude,
      longitude: schoolsTable.longitude,
      pupils: schoolsTable.pupils,
      contactEmail: schoolsTable.contactEmail,
      priorityEducation: schoolsTable.priorityEducation,
    })
    .from(schoolsTable)
    // One parameter however many schools the file has (SQLite limits the number of parameters).
    .where(sql`${schoolsTable.uai} in (select value from json_each(${JSON.stringify(uais)}))`);
  return new Map(rows.map((r) => [r.uai, r]));
}

// What the row becomes: the file's values, except where the file is silent.
function merged(school: DirectorySchool, stored: Stored | undefined): Stored {
  return {
    uai: school.uai,
    name: school.name,
    kind: school.kind,
    arrondissement: school.arrondissement,
    address: school.address || stored?.address || '',
    postcode: school.postcode,
    city: school.city,
    latitude: school.latitude ?? stored?.latitude ?? null,
    longitude: school.longitude ?? stored?.longitude ?? null,
    pupils: school.pupils ?? stored?.pupils ?? 0,
    contactEmail: school.contactEmail ?? stored?.contactEmail ?? null,
    // A file without the column keeps what is on record; a blank cell means neither REP nor REP+.
    priorityEducation: school.priorityEducation === undefined ? (stored?.priorityEducation ?? null) : school.priorityEducation,
  };
}

function differs(a: Stored, b: Stored): boolean {
  return COLUMNS.some((c) => (a[c] ?? null) !== (b[c] ?? null));
}

export async function importSchools(
  db: Db,
  schools: DirectorySchool[],
  { dryRun = false, actor = SYSTEM, source = 'annuaire-education' }: { dryRun?: boolean; actor?: Actor; source?: string } = {},
): Promise<SchoolImportCounts> {
  const stored = await storedSchools(
    db,
    schools.map((s) => s.uai),
  );
  const counts: SchoolImportCounts = { imported: 0, updated: 0, unchanged: 0 };
  const writes = [];
  for (const school of schools) {
    const before = stored.get(school.uai);
    const row = merged(school, before);
    if (!before) {
      counts.imported++;
      writes.push(db.insert(schoolsTable).values(row));
    } else if (differs(row, before)) {
      counts.updated++;
      const { uai, ...changed } = row;
      writes.push(db.update(schoolsTable).set(changed).where(eq(schoolsTable.uai, uai)));
    } else counts.unchanged++;
  }
  if (!dryRun && writes.length) {
    await db.batch([auditStatement(db, actor, 'schools.imported', 'schools', null, { source, ...counts }), ...writes]);
  }
  return counts;
}
