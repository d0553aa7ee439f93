import { describe, expect, it } from 'vitest';
import { teachersByKind, untrainedFor, type TeacherKinds } from './school-teachers';

const teacher = (id: number, trained: string[], booked: string[] = []): TeacherKinds => ({
  id,
  name: `T${id}`,
  email: `t${id}@x.fr`,
  trained: new Set(trained),
  booked: new Set(booked),
});

describe('a school’s teachers per kind', () => {
  const teachers = [teacher(1, ['projector']), teacher(2, [], ['projector']), teacher(3, ['tablet'])];

  it('sorts each teacher as trained, booked or neither, trained first', () => {
    const [projector] = teachersByKind(['projector'], teachers);
    expect(projector!.trained.map((t) => t.id)).toEqual([1]);
    expect(projector!.booked.map((t) => t.id)).toEqual([2]);
    expect(projector!.neither.map((t) => t.id)).toEqual([3]);
  });

  it('invites those not trained for the kind, except who already booked this session', () => {
    expect(untrainedFor(['projector'], teachers, new Set()).map((t) => t.id)).toEqual([2, 3]);
    expect(untrainedFor(['projector'], teachers, new Set([2])).map((t) => t.id)).toEqual([3]);
  });
});
