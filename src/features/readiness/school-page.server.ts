// One school for Drane and city staff: readiness per kind with trained and untrained
// headcounts, the rollout timeline, parent reach, and teacher sessions held or planned nearby.
import { utcToParisLocal } from '~/platform/text/dates';
import type { KindReadiness } from './readiness';
import type { Db } from '~/platform/db/db.server';
import { readinessBySchool, type SchoolReadinessRow } from './readiness.server';
import { getSchool, type SchoolSummary } from '~/features/schools/schools.server';
import { listSessions, nearSchool, type SessionView } from '~/features/sessions/sessions.server';

const DAY_MS = 24 * 60 * 60 * 1000;
export const HELD_SINCE_DAYS = 180;

export interface TimelineEvent {
  date: string;
  kind: string;
  quantity: number;
  // "late": planned for a day that has passed, and not recorded as delivered.
  state: 'delivered' | 'planned' | 'late';
}

export function rolloutTimeline(equipment: KindReadiness[], today: string): TimelineEvent[] {
  return equipment
    .map((e): TimelineEvent => {
      if (e.deliveredOn) return { date: e.deliveredOn, kind: e.kind, quantity: e.quantity, state: 'delivered' };
      return { date: e.plannedOn!, kind: e.kind, quantity: e.quantity, state: e.plannedOn! < today ? 'late' : 'planned' };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
}

export interface NearbySession {
  session: SessionView;
  km: number | null;
}

export interface SchoolPage {
  school: SchoolSummary;
  readiness: SchoolReadinessRow;
  timeline: TimelineEvent[];
  held: NearbySession[];
  planned: NearbySession[];
  today: string;
}

export async function loadSchoolPage(db: Db, uai: string, now = Date.now()): Promise<SchoolPage | null> {
  const school = /^\d{7}[A-Z]$/.test(uai) ? await getSchool(db, uai) : null;
  if (!school) return null;
  const [[readiness], sessions] = await Promise.all([
    readinessBySchool(db, { uai }, now),
    listSessions(db, { audience: 'teacher', from: now - HELD_SINCE_DAYS * DAY_MS, near: school, limit: 2000 }, now),
  ]);
  if (!readiness) return null;
  const near = nearSchool(sessions, school);
  const today = utcToParisLocal(now).date;
  return {
    school,
    readiness,
    timeline: rolloutTimeline(readiness.equipment, today),
    held: near
      .filter((n) => n.session.endsAt <= now)
      .reverse()
      .slice(0, 10),
    planned: near.filter((n) => n.session.endsAt > now).slice(0, 10),
    today,
  };
}
