// A small hand-built city for tests: the three organisations, a few schools, tracks and
// sessions, inserted with plain SQL so tests do not depend on the demo generator.
import type { Db } from '~/platform/db/db.server';

export const DAY = 24 * 60 * 60 * 1000;

export interface World {
  org: { ligue: number; drane: number; ville: number };
  schools: { belsunce: string; panier: string; castellane: string };
  tracks: { parentEnt: number; teacherDisplay: number };
}

export async function createWorld(db: Db): Promise<World> {
  const c = db.$client;
  await c.batch(
    [
      `insert into organisations (slug, name, contact_email, contact_phone, audience) values
        ('ligue', 'Ligue de l''Enseignement 13', 'ateliers@ligue13.test', '04 91 00 00 00', 'parent'),
        ('drane', 'Drane Aix-Marseille', 'drane@ac-aix-marseille.fr', null, 'teacher'),
        ('ville', 'Ville de Marseille', 'numerique@marseille.test', null, null)`,
      `insert into schools (uai, name, kind, arrondissement, address, postcode, latitude, longitude, classes, pupils, teachers) values
        ('0130001A', 'École élémentaire Belsunce', 'elementary', 1, '12 rue Belsunce', '13001', 43.2990, 5.3780, 10, 240, 12),
        ('0130002B', 'École maternelle du Panier', 'nursery', 2, '3 place de Lenche', '13002', 43.2985, 5.3680, 5, 120, 6),
        ('0130003C', 'École primaire Castellane', 'primary', 6, '40 rue de Rome', '13006', 43.2860, 5.3830, 12, 290, 14)`,
      `insert into tracks (slug, audience, organisation_id, title, summary, equipment_kinds, duration_minutes) values
        ('ent-parents', 'parent', 1, 'Suivre la scolarité avec l''espace numérique de l''école', 'Se connecter, lire les messages, voir le cahier de textes.', '[]', 120),
        ('tni', 'teacher', 2, 'Prendre en main l''écran interactif', 'Les gestes de base et les ressources.', '["interactive-display"]', 180)`,
    ],
    'write',
  );
  return {
    org: { ligue: 1, drane: 2, ville: 3 },
    schools: { belsunce: '0130001A', panier: '0130002B', castellane: '0130003C' },
    tracks: { parentEnt: 1, teacherDisplay: 2 },
  };
}

export interface NewSession {
  audience?: 'parent' | 'teacher';
  capacity?: number;
  startsAt?: number;
  durationMinutes?: number;
  schoolUai?: string | null;
  languages?: string[];
  title?: string;
  trackId?: number;
  organisationId?: number;
  status?: 'scheduled' | 'cancelled';
  // Who runs it; by default the organisation's first trainer account, if any (null: nobody).
  trainerId?: number | null;
}

export async function createSession(db: Db, s: NewSession = {}): Promise<number> {
  const audience = s.audience ?? 'parent';
  const startsAt = s.startsAt ?? Date.now() + 7 * DAY;
  const organisationId = s.organisationId ?? (audience === 'parent' ? 1 : 2);
  const rs = await db.$client.execute({
    sql: `insert into sessions (track_id, organisation_id, title, audience, starts_at, ends_at, venue_name, venue_address, school_uai, capacity, languages, status, trainer_id)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
            case when ? then ? else (select id from users where role = 'trainer' and organisation_id = ? order by id limit 1) end) returning id`,
    args: [
      s.trackId ?? (audience === 'parent' ? 1 : 2),
      organisationId,
      s.title ?? (audience === 'parent' ? "Suivre la scolarité avec l'espace numérique de l'école" : "Prendre en main l'écran interactif"),
      audience,
      startsAt,
      startsAt + (s.durationMinutes ?? 120) * 60_000,
      'École élémentaire Belsunce',
      '12 rue Belsunce, 13001 Marseille',
      s.schoolUai === undefined ? '0130001A' : s.schoolUai,
      s.capacity ?? 12,
      JSON.stringify(s.languages ?? ['fr']),
      s.status ?? 'scheduled',
      s.trainerId !== undefined ? 1 : 0,
      s.trainerId ?? null,
      organisationId,
    ],
  });
  return Number(rs.rows[0]!.id);
}

// Schools whose names parents mistype and that share words with streets: the Saint-Louis
// schools of the 15th, and the Louis Pasteur ones on the avenue de Saint-Louis.
export const SAINT_LOUIS = { parc: '0131001A', village: '0131002B', nursery: '0131003C', pasteur: '0131004D', sainteAnne: '0131006F' };

export async function addSaintLouisSchools(db: Db): Promise<void> {
  await db.$client.execute(
    `insert into schools (uai, name, kind, arrondissement, address, postcode, latitude, longitude, classes, pupils, teachers) values
      ('0131001A', 'École élémentaire Saint-Louis Parc', 'elementary', 15, '25 boulevard de la Padouane', '13015', 43.3440, 5.3560, 8, 190, 9),
      ('0131002B', 'École élémentaire Saint-Louis Village', 'elementary', 15, '2 rue Condorcet', '13015', 43.3470, 5.3580, 6, 150, 7),
      ('0131003C', 'École maternelle Saint-Louis', 'nursery', 15, '8 rue Condorcet', '13015', 43.3468, 5.3584, 4, 100, 4),
      ('0131004D', 'École élémentaire Louis Pasteur', 'elementary', 15, '190 avenue de Saint-Louis', '13015', 43.3420, 5.3620, 9, 210, 10),
      ('0131005E', 'École maternelle Louis Pasteur', 'nursery', 15, '192 avenue de Saint-Louis', '13015', 43.3421, 5.3622, 4, 95, 4),
      ('0131006F', 'École primaire Sainte-Anne', 'primary', 8, '10 rue de l''Église', '13008', 43.2560, 5.3900, 7, 160, 8)`,
  );
}
