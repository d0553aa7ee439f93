// Where sessions happen and what a parent needs to know before coming: the school itself, a
// nearby social centre or library, or the Canopé workshop for teachers.
import { ARRONDISSEMENTS } from './arrondissements';
import type { Random } from './random';
import type { DemoSchool } from './schools';

export interface Venue {
  venueName: string;
  venueAddress: string;
  schoolUai: string | null;
}

export const CANOPE: Venue = {
  venueName: 'Atelier Canopé 13 — Marseille',
  venueAddress: "31 boulevard d'Athènes, 13001 Marseille",
  schoolUai: null,
};

export function schoolVenue(school: DemoSchool): Venue {
  return { venueName: school.name, venueAddress: `${school.address}, ${school.postcode} Marseille`, schoolUai: school.uai };
}

// A place in the school's neighbourhood; the session stays attached to the school it serves.
export function neighbourhoodVenue(random: Random, school: DemoSchool): Venue {
  const arr = ARRONDISSEMENTS[school.arrondissement - 1]!;
  const place = random.pick(arr.places);
  const kind = random.pick(['Centre social', 'Maison pour tous', 'Bibliothèque', 'Centre social']);
  return {
    venueName: `${kind} ${place}`,
    venueAddress: `${random.int(1, 120)} ${random.pick(arr.streets)}, ${school.postcode} Marseille`,
    schoolUai: school.uai,
  };
}

export interface ParentNotes {
  languages: string[];
  interpreterNote: string;
  childcareNote: string;
  accessibilityNote: string;
}

const INTERPRETERS = [
  'Une interprète en comorien (shikomori) est présente.',
  'Une médiatrice traduit en arabe si besoin.',
  "Interprète en turc sur demande, au moment de l'inscription.",
  'Une interprète en arménien est présente.',
  'Une médiatrice traduit en anglais et en espagnol si besoin.',
];

const CHILDCARE = [
  "Les petits frères et sœurs sont gardés sur place par l'équipe du centre social.",
  "Garde d'enfants possible pendant l'atelier : le signaler à l'inscription.",
  'Les enfants de moins de 3 ans peuvent venir avec leur parent.',
];

const ACCESSIBILITY = [
  'Salle au rez-de-chaussée, accessible en fauteuil roulant.',
  "Accès par l'entrée du parking, sans marche.",
  "Salle à l'étage sans ascenseur : prévenez-nous pour changer de salle.",
];

export function parentNotes(random: Random, school: DemoSchool): ParentNotes {
  const arabic = random.chance(school.priority ? 0.35 : 0.08);
  return {
    languages: arabic ? ['fr', 'ar'] : ['fr'],
    interpreterNote: !arabic && random.chance(school.priority ? 0.18 : 0.05) ? random.pick(INTERPRETERS) : '',
    childcareNote: random.chance(0.3) ? random.pick(CHILDCARE) : '',
    accessibilityNote: random.chance(0.45) ? random.pick(ACCESSIBILITY) : '',
  };
}
