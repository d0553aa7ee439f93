// Who at a school is trained for each equipment kind, who is booked on a training for it,
// and who is neither: from the teachers' accounts (the headcount may count more people).
export interface TeacherKinds {
  id: number;
  name: string;
  email: string;
  trained: ReadonlySet<string>;
  booked: ReadonlySet<string>;
}

export interface KindTeachers {
  kind: string;
  trained: { id: number; name: string }[];
  booked: { id: number; name: string }[];
  neither: { id: number; name: string }[];
}

export function teachersByKind(kinds: string[], teachers: TeacherKinds[]): KindTeachers[] {
  return kinds.map((kind) => {
    const entry: KindTeachers = { kind, trained: [], booked: [], neither: [] };
    for (const t of teachers) {
      const who = { id: t.id, name: t.name };
      if (t.trained.has(kind)) entry.trained.push(who);
      else if (t.booked.has(kind)) entry.booked.push(who);
      else entry.neither.push(who);
    }
    return entry;
  });
}

// Whom an invitation to a session for `kinds` goes to: teachers not trained for at least one
// of those kinds, and not already booked on this very session.
export function untrainedFor(kinds: string[], teachers: TeacherKinds[], bookedOnSession: ReadonlySet<number>): TeacherKinds[] {
  return teachers.filter((t) => !bookedOnSession.has(t.id) && kinds.some((k) => !t.trained.has(k)));
}
