// Reading an equipment file into a plan of what would change, before anything is written.
// Two formats: the city's simple CSV (uai;kind;quantity;planned_on;delivered_on) and a
// device-management inventory (Jamf Pro, one device per row, counted per school and kind).
// Problems are translation keys under `staff.import.problems`, with the file's line numbers.
import { parseCsv, type CsvRecord } from '~/platform/text/csv';
import { checkRolloutFields, fold, type EquipmentKind } from './rollout-fields';
import { parseDeviceInventory } from './rollout-import-mdm';
import { indexSchools, matchSchool, type SchoolRef } from '~/features/schools/school-match';

export type ImportFormat = 'simple' | 'mdm';

export interface ImportProblem {
  line: number;
  key: string;
  params?: Record<string, string | number>;
}

// A school and kind as the file gives it: one line of the simple format, or the devices
// of one building and kind.
export interface RolloutLine {
  lines: number[];
  place: string;
  kind: EquipmentKind;
  quantity: number;
  plannedOn: string | null;
  deliveredOn: string | null;
  devices: number | null;
}

export interface ParsedImport {
  format: ImportFormat | null;
  lines: RolloutLine[];
  problems: ImportProblem[];
  // Devices that are neither a Mac nor an iPad (iPhones, Apple TVs), by model.
  ignoredModels: { model: string; count: number }[];
}

export type Header = Map<string, number>;

export function headerOf(record: CsvRecord | undefined): Header {
  return new Map((record?.fields ?? []).map((h, i) => [fold(h).replace(/ /g, '_'), i]));
}

// The separator the header uses most: Jamf exports commas, French spreadsheets semicolons.
function separatorOf(text: string): string {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((s) => [s, first.split(s).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

const SIMPLE_COLUMNS: Record<string, string[]> = {
  uai: ['uai', 'code_uai', 'rne'],
  kind: ['kind', 'type', 'equipement'],
  quantity: ['quantity', 'quantite', 'nombre'],
  plannedOn: ['planned_on', 'prevu_le', 'date_prevue'],
  deliveredOn: ['delivered_on', 'livre_le', 'date_livraison'],
};

function columnOf(header: Header, names: string[]): number | undefined {
  return names.map((n) => header.get(n)).find((i) => i !== undefined);
}

function parseSimple(records: CsvRecord[], header: Header | null): ParsedImport {
  const result: ParsedImport = { format: 'simple', lines: [], problems: [], ignoredModels: [] };
  const order = ['uai', 'kind', 'quantity', 'plannedOn', 'deliveredOn'];
  // Without a header the columns are in the documented order.
  const at = Object.fromEntries(order.map((c, i) => [c, header ? columnOf(header, SIMPLE_COLUMNS[c]!) : i]));
  for (const { line, fields } of records) {
    const get = (c: string) => (at[c] === undefined ? '' : (fields[at[c]!] ?? '')).trim();
    const uai = get('uai').toUpperCase();
    const checked = checkRolloutFields({
      kind: get('kind'),
      quantity: get('quantity'),
      plannedOn: get('plannedOn'),
      deliveredOn: get('deliveredOn'),
    });
    if (!/^\d{7}[A-Z]$/.test(uai)) result.problems.push({ line, key: uai ? 'uai' : 'uaiMissing', params: { value: uai } });
    else if (!checked.ok) {
      const [field, key] = Object.entries(checked.errors)[0]!;
      result.problems.push({ line, key: key.split('.').pop()!, params: { field, value: get(field) } });
    } else result.lines.push({ lines: [line], place: uai, ...checked.value, devices: null });
  }
  return result;
}

export function parseRolloutFile(text: string): ParsedImport {
  const records = parseCsv(text, separatorOf(text));
  const header = headerOf(records[0]);
  if (header.has('serial_number') && (header.has('model') || header.has('model_identifier'))) {
    return parseDeviceInventory(records.slice(1), header);
  }
  if (header.has('uai') || header.has('code_uai') || header.has('rne')) return parseSimple(records.slice(1), header);
  if (/^\d{7}[A-Za-z]$/.test(records[0]?.fields[0]?.trim() ?? '')) return parseSimple(records, null);
  return { format: null, lines: [], problems: [{ line: 1, key: 'format' }], ignoredModels: [] };
}

export interface StoredRollout {
  uai: string;
  kind: EquipmentKind;
  quantity: number;
  plannedOn: string | null;
  deliveredOn: string | null;
}

// Why a line is held back until someone confirms it: it would cut the count by more than
// half, or lower a delivered count (devices the city handed over would vanish from the record).
export type DropGuard = 'halved' | 'belowDelivered';

export interface PlannedRollout extends StoredRollout {
  schoolName: string;
  devices: number | null;
  lines: number[];
  action: 'new' | 'changed' | 'unchanged';
  before: StoredRollout | null;
  guard: DropGuard | null;
}

// 'replace': the file says how many there are; 'add': a partial export, added to what is there.
export type ImportMode = 'replace' | 'add';

export interface PlanOptions {
  mode?: ImportMode;
  // Buildings staff tied to a school (folded name → UAI), tried before matching by name.
  buildings?: Map<string, string>;
}

// Dates further ahead than this are typing mistakes (2062 for 2026), refused line by line.
export const MAX_YEARS_AHEAD = 3;

export function dropGuard(before: StoredRollout | null, quantity: number): DropGuard | null {
  if (!before || quantity >= before.quantity) return null;
  if (quantity * 2 < before.quantity) return 'halved';
  return before.deliveredOn ? 'belowDelivered' : null;
}

export const rolloutKey = (r: { uai: string; kind: string }) => `${r.uai}|${r.kind}`;

export interface UnknownPlace {
  place: string;
  lines: number[];
  devices: number | null;
  candidates: SchoolRef[];
}

export interface ImportPlan {
  format: ImportFormat | null;
  rollouts: PlannedRollout[];
  unknown: UnknownPlace[];
  problems: ImportProblem[];
  ignoredModels: ParsedImport['ignoredModels'];
  counts: { new: number; changed: number; unchanged: number };
  mode: ImportMode;
}

// An inventory says how many devices are there, not when they came: the date already on
// record wins, then the earliest date the inventory gives, then the day of the import.
function target(line: RolloutLine, before: StoredRollout | undefined, today: string) {
  if (line.devices === null) return { quantity: line.quantity, plannedOn: line.plannedOn, deliveredOn: line.deliveredOn };
  return { quantity: line.quantity, plannedOn: before?.plannedOn ?? null, deliveredOn: before?.deliveredOn ?? line.deliveredOn ?? today };
}

function merge(into: RolloutLine, line: RolloutLine): void {
  into.lines.push(...line.lines);
  into.quantity += line.quantity;
  into.devices = (into.devices ?? 0) + (line.devices ?? 0);
  if (line.deliveredOn && (!into.deliveredOn || line.deliveredOn < into.deliveredOn)) into.deliveredOn = line.deliveredOn;
}

function tooFar(line: RolloutLine, today: string): ImportProblem | null {
  const limit = `${Number(today.slice(0, 4)) + MAX_YEARS_AHEAD}${today.slice(4)}`;
  const date = [line.plannedOn, line.deliveredOn].find((d) => d !== null && d > limit);
  return date ? { line: line.lines[0]!, key: 'tooFar', params: { value: date, years: MAX_YEARS_AHEAD } } : null;
}

function placeOf(line: RolloutLine, index: ReturnType<typeof indexSchools>, buildings: Map<string, string> | undefined) {
  const remembered = buildings?.get(fold(line.place));
  const school = remembered ? index.byUai.get(remembered) : undefined;
  return school ? ({ kind: 'found', school } as const) : matchSchool(line.place, index);
}

export function planImport(
  parsed: ParsedImport,
  schools: SchoolRef[],
  stored: StoredRollout[],
  today: string,
  { mode = 'replace', buildings }: PlanOptions = {},
): ImportPlan {
  const index = indexSchools(schools);
  const storedByKey = new Map(stored.map((r) => [`${r.uai}|${r.kind}`, r]));
  const problems = [...parsed.problems];
  const unknown = new Map<string, UnknownPlace>();
  const byKey = new Map<string, { school: SchoolRef; line: RolloutLine }>();
  for (const line of parsed.lines) {
    const far = tooFar(line, today);
    if (far) {
      problems.push(far);
      continue;
    }
    const match = placeOf(line, index, buildings);
    if (match.kind !== 'found') {
      const u = unknown.get(line.place) ?? {
        place: line.place,
        lines: [],
        devices: line.devices === null ? null : 0,
        candidates: match.kind === 'ambiguous' ? match.schools : [],
      };
      u.lines.push(...line.lines);
      if (u.devices !== null) u.devices += line.devices ?? 0;
      unknown.set(line.place, u);
      continue;
    }
    const key = `${match.school.uai}|${line.kind}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { school: match.school, line: { ...line, lines: [...line.lines] } });
    else if (line.devices !== null) merge(seen.line, line);
    else
      problems.push({
        line: line.lines[0]!,
        key: 'duplicate',
        params: { uai: match.school.uai, kind: line.kind, first: seen.line.lines[0]! },
      });
  }
  const rollouts = [...byKey.entries()].map(([key, { school, line }]): PlannedRollout => {
    const before = storedByKey.get(key) ?? null;
    const after = target(line, before ?? undefined, today);
    if (mode === 'add' && before) after.quantity += before.quantity;
    const same =
      before && before.quantity === after.quantity && before.plannedOn === after.plannedOn && before.deliveredOn === after.deliveredOn;
    return {
      uai: school.uai,
      schoolName: school.name,
      kind: line.kind,
      ...after,
      devices: line.devices,
      lines: line.lines,
      before,
      action: !before ? 'new' : same ? 'unchanged' : 'changed',
      guard: same ? null : dropGuard(before, after.quantity),
    };
  });
  rollouts.sort((a, b) => a.schoolName.localeCompare(b.schoolName, 'fr') || a.kind.localeCompare(b.kind));
  problems.sort((a, b) => a.line - b.line);
  const counts = { new: 0, changed: 0, unchanged: 0 };
  for (const r of rollouts) counts[r.action]++;
  return { format: parsed.format, rollouts, unknown: [...unknown.values()], problems, ignoredModels: parsed.ignoredModels, counts, mode };
}

// Files come from spreadsheets: UTF-8 (with or without BOM), or Windows-1252 from an older Excel.
export function decodeUpload(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
