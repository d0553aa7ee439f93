// The demo city as INSERT statements, in foreign-key order, for one write batch.
import { attendance, equipmentRollouts, registrations, schools, sessions, users } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import type { DemoCity } from './city';
import type { SchoolPlan } from './rollouts';
import type { DemoSchool } from './schools';
import { insertChunks } from './sql';

export function schoolStatements(db: Db, list: DemoSchool[]) {
  return insertChunks(
    db,
    schools,
    list.map((s) => ({
      uai: s.uai,
      name: s.name,
      kind: s.kind,
      arrondissement: s.arrondissement,
      address: s.address,
      postcode: s.postcode,
      city: 'Marseille',
      latitude: s.latitude,
      longitude: s.longitude,
      classes: s.classes,
      pupils: s.pupils,
      teachers: s.teachers,
      priorityEducation: s.priorityEducation,
      // The directory's address of the school office, on the demo domain so nothing leaves.
      contactEmail: `ce.${s.uai.toLowerCase()}@demo.passerelle.test`,
    })),
  );
}

export function rolloutStatements(db: Db, plans: SchoolPlan[], now: number) {
  return insertChunks(
    db,
    equipmentRollouts,
    plans.flatMap((p) =>
      p.kinds.map((k) => ({
        schoolUai: p.school.uai,
        kind: k.kind,
        quantity: k.quantity,
        plannedOn: k.plannedOn,
        deliveredOn: k.deliveredOn,
        source: 'demo',
        updatedAt: now,
      })),
    ),
  );
}

export function cityStatements(db: Db, city: DemoCity) {
  return [
    ...insertChunks(
      db,
      users,
      city.users.map((u) => ({ ...u, emailVerifiedAt: u.createdAt, active: true })),
    ),
    ...insertChunks(
      db,
      sessions,
      city.sessions.map((s) => ({ ...s, updatedAt: s.createdAt })),
    ),
    ...insertChunks(
      db,
      registrations,
      city.registrations.map((r) => ({ ...r, updatedAt: r.cancelledAt ?? r.createdAt })),
    ),
    ...insertChunks(db, attendance, city.attendance),
  ];
}
