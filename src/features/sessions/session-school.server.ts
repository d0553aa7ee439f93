// The session form's school, typed by name as parents type it (the same search and ranking as
// their school search), or picked from the list, or given by its UAI; and the place used last
// time at that school, so a trainer who always runs it in the same room types it once.
import { and, desc, eq, ne } from 'drizzle-orm';
import { sessions } from '~db/schema';
import { t } from '~/i18n';
import type { Db } from '~/platform/db/db.server';
import { searchSchools } from '~/features/schools/school-search.server';
import { fold } from '~/features/schools/schools.server';
import type { SessionFormValues } from './session-form';

const UAI = /^\d{7}[A-Z]$/;

export type SchoolField = { ok: true; values: SessionFormValues } | { ok: false; error: string };

export async function resolveSchoolField(
  db: Db,
  values: SessionFormValues,
  organisationId: number | null,
  { remember = false } = {},
): Promise<SchoolField> {
  const typed = values.schoolUai.trim();
  let uai = typed.toUpperCase();
  if (typed && !UAI.test(uai)) {
    const { schools } = await searchSchools(db, typed, 4);
    const exact = schools.filter((s) => fold(s.name) === fold(typed));
    const pick = exact.length === 1 ? exact[0] : schools.length === 1 ? schools[0] : undefined;
    if (!pick) {
      if (!schools.length) return { ok: false, error: t('fr', 'trainerHome.schoolNotFound', { q: typed }) };
      const names = schools.map((s) => `${s.name} (${s.arrondissement === 1 ? '1er' : `${s.arrondissement}e`})`).join(', ');
      return { ok: false, error: t('fr', 'trainerHome.schoolAmbiguous', { names }) };
    }
    uai = pick.uai;
  }
  if (!uai) return { ok: true, values };
  const remembered = !remember || values.venueName.trim() ? null : await lastVenueAt(db, uai, organisationId);
  return { ok: true, values: { ...values, schoolUai: uai, ...(remembered ?? {}) } };
}

// The last place a session of this organisation had at that school (its room, its address).
export async function lastVenueAt(db: Db, uai: string, organisationId: number | null) {
  const [row] = await db
    .select({ venueName: sessions.venueName, venueAddress: sessions.venueAddress })
    .from(sessions)
    .where(
      and(
        eq(sessions.schoolUai, uai),
        organisationId ? eq(sessions.organisationId, organisationId) : undefined,
        ne(sessions.venueName, ''),
      ),
    )
    .orderBy(desc(sessions.createdAt))
    .limit(1);
  return row ? { venueName: row.venueName, venueAddress: row.venueAddress ?? '' } : null;
}
