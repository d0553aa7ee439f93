// Writes schools read from the national directory into the database, by UAI: new ones are
// added, known ones updated; counts the directory lacks (classes, teachers, often pupils) and
// blank fields keep what the database has. One write, so a failed import changes nothing.
import { asStatement } from '~/platform/db/statement';
import type { InStatement } from '@libsql/client';
import type { DirectorySchool } from './school-directory';
import { SYSTEM, auditStatement, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';

export interface SchoolImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
}

type Stored = Omit<DirectorySchool, 'line' | 'pupils'> & { pupils: number };

const COLUMNS = ['name', 'kind', 'arrondissement', 'address', 'postcode', 'city', 'latitude', 'longitude', 'pupils'] as const;

async function storedSchools(db: Db, uais: string[]): Promise<Map<string, Stored>> {
  const rs = await db.$client.execute({
    sql: `select uai, ${COLUMNS.join(', ')} from schools where uai in (select value from json_each(?))`,
    args: [JSON.stringify(uais)],
  });
  return new Map(rs.rows.map((r) => [String(r.uai), r as unknown as Stored]));
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
  const stored = await storedSchools(db, schools.map((s) => s.uai));
  const counts: SchoolImportCounts = { imported: 0, updated: 0, unchanged: 0 };
  const statements: InStatement[] = [];
  for (const school of schools) {
    const before = stored.get(school.uai);
    const row = merged(school, before);
    if (!before) {
      counts.imported++;
      statements.push({
        sql: `insert into schools (uai, ${COLUMNS.join(', ')}) values (?, ${COLUMNS.map(() => '?').join(', ')})`,
        args: [row.uai, ...COLUMNS.map((c) => row[c])],
      });
    } else if (differs(row, before)) {
      counts.updated++;
      statements.push({
        sql: `update schools set ${COLUMNS.map((c) => `${c} = ?`).join(', ')} where uai = ?`,
        args: [...COLUMNS.map((c) => row[c]), row.uai],
      });
    } else counts.unchanged++;
  }
  if (!dryRun && statements.length) {
    statements.push(asStatement(auditStatement(db, actor, 'schools.imported', 'schools', null, { source, ...counts })));
    await db.$client.batch(statements, 'write');
  }
  return counts;
}
