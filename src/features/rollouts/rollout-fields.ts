// What a rollout line may say, read the same way from the edit form and from an imported
// file: an equipment kind (its code or a French name), a count, calendar dates.
// Problems are translation keys under `staff.rollouts.errors`.
import { EQUIPMENT_KINDS, type EquipmentKind } from '~db/schema';

export { EQUIPMENT_KINDS, type EquipmentKind };

export const MAX_QUANTITY = 100_000;

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Spreadsheets the city keeps say "écran interactif" or "tablettes" as often as the codes.
const KIND_NAMES: Record<string, EquipmentKind> = {
  'ecran interactif': 'interactive-display',
  'ecrans interactifs': 'interactive-display',
  'ecran numerique interactif': 'interactive-display',
  eni: 'interactive-display',
  tni: 'interactive-display',
  tbi: 'interactive-display',
  ordinateur: 'classroom-computer',
  ordinateurs: 'classroom-computer',
  'ordinateur de classe': 'classroom-computer',
  mac: 'classroom-computer',
  tablette: 'tablet',
  tablettes: 'tablet',
  ipad: 'tablet',
  'portable enseignant': 'teacher-laptop',
  'ordinateur portable enseignant': 'teacher-laptop',
  videoprojecteur: 'projector',
  projecteur: 'projector',
};

export function kindFrom(value: string): EquipmentKind | null {
  const code = value.trim().toLowerCase();
  if ((EQUIPMENT_KINDS as readonly string[]).includes(code)) return code as EquipmentKind;
  return KIND_NAMES[fold(value)] ?? null;
}

// "2027-03-28", "28/03/2027", or either followed by a time (device inventories add one).
// Undefined when the text is not a real date; null when it is empty.
export function dateFrom(value: string): string | null | undefined {
  const text = value.trim();
  if (!text) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(text);
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T].*)?$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]].map(Number) : fr ? [fr[3], fr[2], fr[1]].map(Number) : [];
  if (y === undefined || m === undefined || d === undefined) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  if (y < 2000 || y > 2100) return undefined;
  return date.toISOString().slice(0, 10);
}

export function quantityFrom(value: string): number | null {
  const text = value.trim().replace(/\s/g, '');
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n <= MAX_QUANTITY ? n : null;
}

export interface RolloutFields {
  kind: EquipmentKind;
  quantity: number;
  plannedOn: string | null;
  deliveredOn: string | null;
}

export type FieldCheck = { ok: true; value: RolloutFields } | { ok: false; errors: Record<string, string> };

// The one validation of a rollout line: every field, and at least one date.
export function checkRolloutFields(input: { kind: string; quantity: string; plannedOn: string; deliveredOn: string }): FieldCheck {
  const errors: Record<string, string> = {};
  const kind = kindFrom(input.kind);
  const quantity = quantityFrom(input.quantity);
  const plannedOn = dateFrom(input.plannedOn);
  const deliveredOn = dateFrom(input.deliveredOn);
  if (!kind) errors.kind = input.kind.trim() ? 'staff.rollouts.errors.kind' : 'staff.rollouts.errors.kindMissing';
  if (quantity === null) errors.quantity = 'staff.rollouts.errors.quantity';
  if (plannedOn === undefined) errors.plannedOn = 'staff.rollouts.errors.date';
  if (deliveredOn === undefined) errors.deliveredOn = 'staff.rollouts.errors.date';
  if (plannedOn === null && deliveredOn === null) errors.plannedOn = 'staff.rollouts.errors.noDate';
  if (!kind || quantity === null || plannedOn === undefined || deliveredOn === undefined || Object.keys(errors).length) {
    return { ok: false, errors };
  }
  return { ok: true, value: { kind, quantity, plannedOn, deliveredOn } };
}
