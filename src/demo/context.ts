// What every part of the generator shares while it builds the city.
import type { DemoCity, UserRow } from './city';
import type { TeacherRoster } from './people';
import type { Random } from './random';
import type { SchoolPlan } from './rollouts';
import type { Agenda } from './schedule';
import type { DemoSchool } from './schools';
import type { DemoTrack, OrgSlug } from './tracks';

export interface Staff {
  ligueTrainers: UserRow[];
  draneTrainers: UserRow[];
  // The demo trainers of each organisation: they run every upcoming session.
  ligueDemo: UserRow;
  draneDemo: UserRow;
}

export interface SeedContext {
  city: DemoCity;
  random: Random;
  now: number;
  today: string;
  orgIds: Record<OrgSlug, number>;
  tracks: Map<string, DemoTrack & { id: number }>;
  schools: DemoSchool[];
  plans: SchoolPlan[];
  roster: TeacherRoster;
  staff: Staff;
  agenda: Agenda;
}
