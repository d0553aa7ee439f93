// The demo city as INSERT statements, in foreign-key order, for one write batch.
import type { InStatement } from '@libsql/client';
import type { DemoCity } from './city';
import type { SchoolPlan } from './rollouts';
import type { DemoSchool } from './schools';
import { insertObjects } from './sql';

export function schoolStatements(schools: DemoSchool[]): InStatement[] {
  return insertObjects('schools', schools.map((s) => ({
    uai: s.uai, name: s.name, kind: s.kind, arrondissement: s.arrondissement, address: s.address,
    postcode: s.postcode, city: 'Marseille', latitude: s.latitude, longitude: s.longitude,
    classes: s.classes, pupils: s.pupils, teachers: s.teachers,
  })));
}

export function rolloutStatements(plans: SchoolPlan[], now: number): InStatement[] {
  return insertObjects('equipment_rollouts', plans.flatMap((p) => p.kinds.map((k) => ({
    school_uai: p.school.uai, kind: k.kind, quantity: k.quantity, planned_on: k.plannedOn,
    delivered_on: k.deliveredOn, source: 'demo', updated_at: now,
  }))));
}

export function cityStatements(city: DemoCity): InStatement[] {
  return [
    ...insertObjects('users', city.users.map((u) => ({
      id: u.id, email: u.email, name: u.name, role: u.role, organisation_id: u.organisationId,
      school_uai: u.schoolUai, password_hash: u.passwordHash, email_verified_at: u.createdAt, active: 1, created_at: u.createdAt,
    }))),
    ...insertObjects('sessions', city.sessions.map((s) => ({
      id: s.id, track_id: s.trackId, organisation_id: s.organisationId, trainer_id: s.trainerId, title: s.title,
      audience: s.audience, starts_at: s.startsAt, ends_at: s.endsAt, venue_name: s.venueName, venue_address: s.venueAddress,
      school_uai: s.schoolUai, capacity: s.capacity, languages: JSON.stringify(s.languages), interpreter_note: s.interpreterNote,
      childcare_note: s.childcareNote, accessibility_note: s.accessibilityNote, status: s.status, cancel_reason: s.cancelReason,
      change_count: s.changeCount, created_at: s.createdAt, updated_at: s.createdAt,
    }))),
    ...insertObjects('registrations', city.registrations.map((r) => ({
      id: r.id, session_id: r.sessionId, status: r.status, queued_at: r.queuedAt, first_name: r.firstName,
      last_name: r.lastName, email: r.email, phone: r.phone, child_school_uai: r.childSchoolUai, language: r.language,
      adults: r.adults, user_id: r.userId, code: r.code, created_by: r.createdBy, consent_at: r.consentAt,
      cancelled_at: r.cancelledAt, erased_at: r.erasedAt, created_at: r.createdAt, updated_at: r.cancelledAt ?? r.createdAt,
    }))),
    ...insertObjects('attendance', city.attendance.map((a) => ({
      registration_id: a.registrationId, present: a.present ? 1 : 0, marked_at: a.markedAt, marked_by: a.markedBy,
    }))),
  ];
}
