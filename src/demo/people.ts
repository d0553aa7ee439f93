// The people of the demo: teachers (created on first need, one account per teacher post of a
// school) and parents. Every address is under demo.passerelle.test, so no real inbox is reached.
import type { DemoCity, UserRow } from './city';
import { DAY_MS } from './days';
import { emailLocalPart, randomPerson, type Person } from './names';
import type { DemoSchool } from './schools';

export const TEACHER_DOMAIN = 'enseignants.demo.passerelle.test';
export const PARENT_DOMAIN = 'parents.demo.passerelle.test';

export interface Teacher {
  user: UserRow;
  person: Person;
}

export class TeacherRoster {
  private readonly byPost = new Map<string, Teacher>();
  readonly byUserId = new Map<number, Teacher>();

  constructor(private readonly city: DemoCity) {}

  // The teacher holding post `index` (0 … headcount − 1) of a school.
  get(school: DemoSchool, index: number): Teacher {
    const key = `${school.uai}:${index}`;
    let teacher = this.byPost.get(key);
    if (!teacher) {
      const person = randomPerson(this.city.random);
      const user = this.city.addUser({
        email: this.city.claimEmail(emailLocalPart(person), TEACHER_DOMAIN),
        name: `${person.firstName} ${person.lastName}`,
        role: 'teacher',
        organisationId: null,
        schoolUai: school.uai,
        passwordHash: null,
        createdAt: this.city.now - this.city.random.int(30, 700) * DAY_MS,
      });
      teacher = { user, person };
      this.byPost.set(key, teacher);
      this.byUserId.set(user.id, teacher);
    }
    return teacher;
  }
}

export interface ParentContact extends Person {
  email: string | null;
  phone: string | null;
}

// Most parents give a phone number; fewer than half have an email they read.
export function newParent(city: DemoCity): ParentContact {
  const person = randomPerson(city.random);
  const hasEmail = city.random.chance(0.4);
  const hasPhone = !hasEmail || city.random.chance(0.8);
  return {
    ...person,
    email: hasEmail ? city.claimEmail(emailLocalPart(person), PARENT_DOMAIN) : null,
    phone: hasPhone ? city.newPhone() : null,
  };
}
