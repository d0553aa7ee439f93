// What every queued message says about its session, written once for all of them (booking
// messages and "prévenez-moi" matches): the facts at the time of the change, the organiser
// to contact, and the Arabic and English titles so the message can choose the reader's
// (public-texts.ts decides, when the message is rendered).
import { eq, sql, type SQL } from 'drizzle-orm';
import { alias, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { tracks, type Translations } from '~db/schema';

export interface SessionSnapshot {
  id: number;
  title: string;
  startsAt: number;
  endsAt: number;
  venueName: string;
  venueAddress: string;
  organisation: string;
  contactEmail: string | null;
  contactPhone: string | null;
  // Absent from messages queued before titles were translated.
  translations?: Translations | null;
  trackTitle?: string | null;
  trackTranslations?: Translations | null;
}

// The table or any alias of it.
const TRACK = 'snapshot_track';

type Columns<T extends string> = Record<T, AnySQLiteColumn>;
type SessionsTable = Columns<'id' | 'trackId' | 'title' | 'translations' | 'startsAt' | 'endsAt' | 'venueName' | 'venueAddress'>;
type OrganisationsTable = Columns<'name' | 'contactEmail' | 'contactPhone'>;

// `s` and `o` are the statement's own sessions and organisations (the table or an alias);
// `more` adds fields a kind of message needs (the booking messages' status and change count).
export function sessionSnapshot(s: SessionsTable, o: OrganisationsTable, more: Record<string, unknown> = {}): SQL {
  const track = alias(tracks, TRACK);
  // An alias interpolated alone renders only its name: the table is named beside it.
  const ofTrack = (column: SQL) => sql`(select ${column} from ${tracks} as ${sql.identifier(TRACK)} where ${eq(track.id, s.trackId)})`;
  const fields: [string, unknown][] = [
    ['id', s.id],
    ['title', s.title],
    ['translations', sql`json(${s.translations})`],
    ['trackTitle', ofTrack(sql`${track.title}`)],
    ['trackTranslations', sql`json(${ofTrack(sql`${track.translations}`)})`],
    ['startsAt', s.startsAt],
    ['endsAt', s.endsAt],
    ['venueName', s.venueName],
    ['venueAddress', s.venueAddress],
    ['organisation', o.name],
    ['contactEmail', o.contactEmail],
    ['contactPhone', o.contactPhone],
    ...Object.entries(more),
  ];
  return sql`json_object(${sql.join(
    fields.map(([name, value]) => sql`${sql.raw(`'${name}'`)}, ${value}`),
    sql`, `,
  )})`;
}
