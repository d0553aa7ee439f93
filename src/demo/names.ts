// Names for a city that looks like Marseille: people schools are named after, and the first
// and last names of teachers and parents (Provençal, Italian, Armenian, Maghrebi, Comorian…).
import type { Random } from './random';

export const DEDICATEES = [
  'Jean Jaurès', 'Jules Ferry', 'Victor Hugo', 'Louis Pasteur', 'Marie Curie', 'Paul Langevin',
  'Frédéric Mistral', 'Marcel Pagnol', 'Edmond Rostand', 'Victor Gelu', 'Pierre Puget',
  'Jean Giono', 'Albert Camus', 'Louise Michel', 'Lucie Aubrac', 'Simone Veil', 'Germaine Tillion',
  'Olympe de Gouges', 'Rosa Parks', 'Saint-Exupéry', 'Jean Moulin', 'Célestin Freinet',
  'Jacques Prévert', 'Robert Desnos', 'Honoré Daumier', 'Gaston Crémieux', 'Joséphine Baker',
  'Missak Manouchian', 'Gisèle Halimi', 'Aimé Césaire', 'Elsa Triolet', 'Paul Éluard',
  'Flammarion', 'Parc Bellevue', 'Révoil', 'Rouguière', 'Gibbes', 'Bouge', 'Consolat',
];

// What tells two schools of one neighbourhood apart ("Saint-Just Centre").
export const SITE_SUFFIXES = ['Centre', 'Château', 'Parc', 'Village', 'Les Pins', 'Les Tilleuls', 'Les Platanes', 'Gare'];

export const FEMALE_FIRST = [
  'Camille', 'Sophie', 'Nathalie', 'Julie', 'Claire', 'Émilie', 'Laura', 'Sarah', 'Marion', 'Aurélie',
  'Céline', 'Anaïs', 'Mélanie', 'Karima', 'Nadia', 'Samira', 'Fatima', 'Leïla', 'Yasmina', 'Amel',
  'Myriam', 'Inès', 'Sabrina', 'Houria', 'Naïma', 'Zaïnaba', 'Anli', 'Hadidja', 'Anahit', 'Lucie',
  'Giulia', 'Chiara', 'Rose', 'Manon', 'Océane', 'Élodie', 'Nour', 'Salma', 'Khadija', 'Aminata',
];

export const MALE_FIRST = [
  'Thomas', 'Nicolas', 'Julien', 'Sébastien', 'Mathieu', 'Olivier', 'Laurent', 'Romain', 'Pierre',
  'Vincent', 'Karim', 'Mehdi', 'Rachid', 'Samir', 'Youssef', 'Mohamed', 'Nassim', 'Bilal', 'Sofiane',
  'Hamza', 'Ibrahim', 'Ali', 'Saïd', 'Ahmed', 'Abdallah', 'Arthur', 'Hugo', 'Lucas', 'Marco',
  'Luca', 'Davit', 'Aram', 'Moussa', 'Mamadou', 'Ousmane', 'Yann', 'Fabrice', 'Christophe',
];

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Rousseau', 'Garcia', 'Martinez', 'Lopez', 'Fernandez', 'Rossi', 'Russo',
  'Esposito', 'Romano', 'Colombo', 'Bianchi', 'Ricci', 'Giordano', 'Marino', 'Gallo', 'Bonnet',
  'Blanc', 'Fabre', 'Roux', 'Arnaud', 'Olivier', 'Giraud', 'Mercier', 'Barbier', 'Reynaud', 'Michel',
  'Audibert', 'Castellani', 'Imbert', 'Gaudin', 'Pellegrin', 'Ricard', 'Chabert', 'Bouchard',
  'Benali', 'Haddad', 'Bensaïd', 'Belkacem', 'Mansouri', 'Cherif', 'Bouzid', 'Khelifi', 'Amrani',
  'Saïdi', 'Brahimi', 'Meziane', 'Hamidi', 'Rahmani', 'Ziani', 'Boudjema', 'Ait Ali', 'Djebbar',
  'Mohamed', 'Said', 'Abdou', 'Ahamada', 'Msa', 'Youssouf', 'Soilihi', 'Attoumani',
  'Papazian', 'Kechichian', 'Der Sarkissian', 'Manoukian', 'Arakelian', 'Diallo', 'Traoré',
  'Ndiaye', 'Nguyen', 'Tran', 'Pham', 'Kaya', 'Yilmaz', 'Moreau', 'Lefebvre', 'Girard', 'Lambert',
];

export interface Person {
  firstName: string;
  lastName: string;
}

export function randomPerson(random: Random): Person {
  const first = random.chance(0.62) ? FEMALE_FIRST : MALE_FIRST;
  return { firstName: random.pick(first), lastName: random.pick(LAST_NAMES) };
}

// "Zaïnaba Ait Ali" → "zainaba.ait-ali": the shape of academic addresses.
export function emailLocalPart(person: Person): string {
  const fold = (s: string) =>
    s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');
  return `${fold(person.firstName)}.${fold(person.lastName)}`;
}
