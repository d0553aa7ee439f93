import { describe, expect, it } from 'vitest';
import { can, decide, homePath } from './permissions';
import type { Role, SessionUser } from '~/features/accounts/users.server';

function user(role: Role, extra: Partial<SessionUser> = {}): SessionUser {
  return {
    id: 7,
    email: 'x@y.fr',
    name: 'X',
    role,
    organisationId: null,
    organisationSlug: null,
    schoolUai: null,
    emailVerified: true,
    ...extra,
  };
}
const LIGUE = 1;
const DRANE = 2;
// Run by user 7, the one user() builds.
const parentSession = { organisationId: LIGUE, audience: 'parent' as const, trainerId: 7 };
const teacherSession = { organisationId: DRANE, audience: 'teacher' as const };

describe('permissions', () => {
  it('lets trainers manage only their own organisation’s sessions and rosters', () => {
    const ligueTrainer = user('trainer', { organisationId: LIGUE, organisationSlug: 'ligue' });
    for (const p of ['manage-session', 'read-roster', 'mark-attendance', 'book-on-behalf'] as const) {
      expect(can(ligueTrainer, p, parentSession)).toBe(true);
      expect(can(ligueTrainer, p, teacherSession)).toBe(false);
    }
    expect(can(user('trainer'), 'manage-session', parentSession)).toBe(false);
  });

  it('lets a trainer read attendees only on the sessions they run, a coordinator on all of the organisation (issue 14.6)', () => {
    const ligueTrainer = user('trainer', { organisationId: LIGUE, organisationSlug: 'ligue' });
    const coordinator = user('coordinator', { organisationId: LIGUE, organisationSlug: 'ligue' });
    const colleagues = { ...parentSession, trainerId: 99 };
    const nobodys = { ...parentSession, trainerId: null };
    for (const p of ['read-roster', 'mark-attendance', 'book-on-behalf'] as const) {
      expect(can(ligueTrainer, p, colleagues)).toBe(false);
      expect(can(ligueTrainer, p, nobodys)).toBe(false);
      expect(can(coordinator, p, colleagues)).toBe(true);
      expect(can(coordinator, p, teacherSession)).toBe(false);
    }
    expect(can(ligueTrainer, 'manage-session', colleagues)).toBe(true);
    expect(can(coordinator, 'manage-sessions')).toBe(true);
    expect(homePath(coordinator)).toBe('/formateur');
    expect(can(user('coordinator'), 'read-roster', colleagues)).toBe(false);
  });

  it('refuses sessions for the audience the organisation does not train (issue 14.5)', () => {
    const ligueTrainer = user('trainer', { organisationId: LIGUE, organisationSlug: 'ligue' });
    const draneTrainer = user('trainer', { id: 8, organisationId: DRANE, organisationSlug: 'drane' });
    const ligueTeacherTraining = {
      organisationId: LIGUE,
      audience: 'teacher' as const,
      organisationAudience: 'parent' as const,
      trainerId: 7,
    };
    const draneWorkshop = { organisationId: DRANE, audience: 'parent' as const, organisationAudience: 'teacher' as const, trainerId: 8 };
    expect(can(ligueTrainer, 'manage-session', ligueTeacherTraining)).toBe(false);
    expect(can(ligueTrainer, 'read-roster', ligueTeacherTraining)).toBe(false);
    expect(can(draneTrainer, 'manage-session', draneWorkshop)).toBe(false);
    expect(can(draneTrainer, 'manage-session', { ...draneWorkshop, audience: 'teacher' })).toBe(true);
    expect(can(user('coordinator', { organisationId: LIGUE }), 'manage-session', ligueTeacherTraining)).toBe(false);
  });

  it('lets Drane staff manage every teacher session and read readiness, not parent sessions', () => {
    const drane = user('drane');
    expect(can(drane, 'manage-session', teacherSession)).toBe(true);
    expect(can(drane, 'read-roster', teacherSession)).toBe(true);
    expect(can(drane, 'manage-session', parentSession)).toBe(false);
    expect(can(drane, 'read-readiness')).toBe(true);
    expect(can(drane, 'manage-rollouts')).toBe(false);
  });

  it('lets city staff read readiness and manage rollouts only', () => {
    const city = user('city');
    expect(can(city, 'read-readiness')).toBe(true);
    expect(can(city, 'manage-rollouts')).toBe(true);
    expect(can(city, 'manage-sessions')).toBe(false);
    expect(can(city, 'manage-session', teacherSession)).toBe(false);
  });

  it('lets teachers book once confirmed, and touch only their own bookings', () => {
    expect(decide(user('teacher', { emailVerified: false }), 'book-teacher-session')).toBe('unconfirmed');
    expect(can(user('teacher'), 'book-teacher-session')).toBe(true);
    expect(can(user('teacher'), 'manage-registration', { userId: 7 })).toBe(true);
    expect(can(user('teacher'), 'manage-registration', { userId: 8 })).toBe(false);
    expect(can(user('teacher'), 'manage-registration', { userId: null })).toBe(false);
    expect(can(user('teacher'), 'read-readiness')).toBe(false);
  });

  it('lets admins do everything except book a training as themselves', () => {
    const admin = user('admin');
    for (const p of ['manage-users', 'read-outbox', 'read-readiness', 'manage-rollouts', 'manage-sessions'] as const)
      expect(can(admin, p)).toBe(true);
    expect(can(admin, 'manage-session', parentSession)).toBe(true);
    expect(can(admin, 'manage-registration', { userId: 99 })).toBe(true);
    expect(can(admin, 'book-teacher-session')).toBe(false);
  });

  it('says who is not signed in apart from who is refused', () => {
    expect(decide(null, 'use-account')).toBe('unauthenticated');
    expect(decide(user('teacher'), 'manage-users')).toBe('forbidden');
  });

  it('sends each role to its home', () => {
    expect(homePath(user('teacher'))).toBe('/enseignant');
    expect(homePath(user('trainer'))).toBe('/formateur');
    expect(homePath(user('drane'))).toBe('/drane');
    expect(homePath(user('city'))).toBe('/drane');
    expect(homePath(user('admin'))).toBe('/admin');
  });
});
