// Reading the national school directory export (data.education.gouv.fr, "fr-en-annuaire-education"):
// keeps the public nursery, elementary and primary schools of one commune, with the arrondissement
// taken from the postcode, and says which lines were skipped or bad.
import { parseCsv } from '~/platform/text/csv';

export type SchoolKind = 'nursery' | 'elementary' | 'primary';

export interface DirectorySchool {
  line: number;
  uai: string;
  name: string;
  kind: SchoolKind;
  arrondissement: number;
  address: string;
  postcode: string;
  city: string;
  latitude: number | null;
  longitude: number | null;
  // Null when the file does not say: the importer then keeps what the database has.
  pupils: number | null;
  // The school's address (`Mail`), when the file gives one that looks like an address.
  contactEmail: string | null;
  // REP / REP+ from appartenance_education_prioritaire; null: neither; undefined: the file has no such column.
  priorityEducation?: PriorityEducation | null;
}

export type PriorityEducation = 'REP' | 'REP+';

// "REP+", "rep +", "REP PLUS" → 'REP+'; "REP" → 'REP'; anything else (blank, "HORS EP") → null.
export function priorityEducationOf(value: string | undefined): PriorityEducation | null {
  const v = (value ?? '').toUpperCase().replace(/\s+/g, '');
  if (v === 'REP+' || v === 'REPPLUS') return 'REP+';
  return v === 'REP' ? 'REP' : null;
}

export interface DirectoryProblem {
  line: number;
  message: string;
}

export interface DirectoryResult {
  schools: DirectorySchool[];
  skipped: { otherCommune: number; private: number; notPrimarySchool: number };
  bad: DirectoryProblem[];
}

const REQUIRED = [
  'Identifiant_de_l_etablissement',
  'Nom_etablissement',
  'Type_etablissement',
  'Statut_public_prive',
  'Code_postal',
  'Nom_commune',
];

// Accents, case, spaces and dashes do not matter: "MARSEILLE", "Marseille", "marseille ".
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// "Marseille" or "Marseille 13e Arrondissement" both belong to the commune "Marseille".
function inCommune(nomCommune: string, commune: string): boolean {
  const name = foldName(nomCommune);
  const wanted = foldName(commune);
  return name === wanted || new RegExp(`^${wanted} \\d{1,2}(er|e|eme)? arrondissement$`).test(name);
}

// 13001–13016 → 1–16: cities with arrondissements number them in the postcode's last digits.
export function arrondissementOf(postcode: string): number | null {
  const m = /^\d{2}0(\d{2})$/.exec(postcode);
  const n = m ? Number(m[1]) : 0;
  return n >= 1 && n <= 16 ? n : null;
}

const yes = (v: string | undefined) => ['1', 'oui', 'true', 'o'].includes((v ?? '').trim().toLowerCase());

// The two flags say what the school teaches; code_nature (101 nursery, 151 elementary) backs them up.
export function kindOf(nursery: string | undefined, elementary: string | undefined, codeNature: string | undefined): SchoolKind | null {
  if (yes(nursery) && yes(elementary)) return 'primary';
  if (yes(nursery)) return 'nursery';
  if (yes(elementary)) return 'elementary';
  const code = Number((codeNature ?? '').trim());
  if (code >= 101 && code <= 103) return 'nursery';
  if (code >= 151 && code <= 153) return 'elementary';
  return null;
}

function coordinate(value: string | undefined, limit: number): number | null | undefined {
  const text = (value ?? '').trim().replace(',', '.');
  if (!text) return null;
  const n = Number(text);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}

// "Marseille 15e Arrondissement" → "Marseille"; "MARSEILLE" → "Marseille"; "AIX-EN-PROVENCE" → "Aix-en-Provence".
export function communeName(raw: string): string {
  const name = tidy(raw).replace(/\s+\d{1,2}\s*(er|e|ème)?\s+arrondissement$/i, '');
  if (name !== name.toUpperCase()) return name;
  const small = new Set(['en', 'de', 'la', 'le', 'les', 'sur', 'sous', 'du', 'des', 'et', 'l', 'd']);
  return name
    .toLowerCase()
    .replace(/\p{L}+/gu, (word, offset: number) => (offset > 0 && small.has(word) ? word : word[0]!.toUpperCase() + word.slice(1)));
}

function tidy(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

type Row = (column: string) => string | undefined;

function emailOf(text: string | undefined): string | null {
  const mail = tidy(text).toLowerCase();
  return /^[^\s@;,]+@[^\s@;,]+\.[a-z]{2,}$/.test(mail) && mail.length <= 254 ? mail : null;
}

function toSchool(get: Row, line: number): DirectorySchool | string {
  const city = communeName(get('Nom_commune') ?? '');
  const uai = tidy(get('Identifiant_de_l_etablissement')).toUpperCase();
  if (!uai) return 'missing UAI (Identifiant_de_l_etablissement)';
  if (!/^\d{7}[A-Z]$/.test(uai)) return `UAI "${uai}" is not 7 digits and a letter`;
  const name = tidy(get('Nom_etablissement')).replace(/^Ecole /, 'École ');
  if (!name) return 'missing name (Nom_etablissement)';
  const postcode = tidy(get('Code_postal'));
  const arrondissement = arrondissementOf(postcode);
  if (arrondissement === null) return `postcode "${postcode}" is not one of ${city}'s arrondissements`;
  const kind = kindOf(get('Ecole_maternelle'), get('Ecole_elementaire'), get('code_nature'));
  if (!kind) return 'neither a nursery nor an elementary school (Ecole_maternelle, Ecole_elementaire, code_nature)';
  const latitude = coordinate(get('latitude'), 90);
  const longitude = coordinate(get('longitude'), 180);
  if (latitude === undefined || longitude === undefined) return 'latitude or longitude is not a number';
  const pupilsText = tidy(get('Nombre_d_eleves'));
  if (pupilsText && !/^\d+$/.test(pupilsText)) return `Nombre_d_eleves "${pupilsText}" is not a whole number`;
  const address = [get('Adresse_1'), get('Adresse_2')].map(tidy).filter(Boolean).join(', ');
  const priority = get('Appartenance_Education_Prioritaire');
  return {
    line,
    uai,
    name,
    kind,
    arrondissement,
    address,
    postcode,
    city,
    latitude,
    longitude,
    pupils: pupilsText ? Number(pupilsText) : null,
    contactEmail: emailOf(get('Mail')),
    ...(priority === undefined ? {} : { priorityEducation: priorityEducationOf(priority) }),
  };
}

export function parseSchoolDirectory(text: string, { commune }: { commune: string }): DirectoryResult {
  const [header, ...records] = parseCsv(text, ';');
  const result: DirectoryResult = { schools: [], skipped: { otherCommune: 0, private: 0, notPrimarySchool: 0 }, bad: [] };
  // Exports use the labels ("Code_postal") or the field names ("code_postal"): match either.
  const index = new Map((header?.fields ?? []).map((h, i) => [h.trim().toLowerCase().replace(/\s+/g, '_'), i]));
  const missing = REQUIRED.filter((c) => !index.has(c.toLowerCase()));
  if (missing.length) {
    result.bad.push({ line: 1, message: `not a school directory export: missing column(s) ${missing.join(', ')}` });
    return result;
  }
  const firstLine = new Map<string, number>();
  for (const { line, fields } of records) {
    const get: Row = (column) => fields[index.get(column.toLowerCase()) ?? -1];
    if (fields.length !== header!.fields.length) {
      result.bad.push({ line, message: `${fields.length} fields where the header has ${header!.fields.length}` });
    } else if (!inCommune(get('Nom_commune') ?? '', commune)) result.skipped.otherCommune++;
    else if (foldName(get('Statut_public_prive') ?? '') !== 'public') result.skipped.private++;
    else if (foldName(get('Type_etablissement') ?? '') !== 'ecole') result.skipped.notPrimarySchool++;
    else {
      const school = toSchool(get, line);
      if (typeof school === 'string') result.bad.push({ line, message: school });
      else if (firstLine.has(school.uai))
        result.bad.push({ line, message: `UAI ${school.uai} already on line ${firstLine.get(school.uai)}` });
      else {
        firstLine.set(school.uai, line);
        result.schools.push(school);
      }
    }
  }
  return result;
}
