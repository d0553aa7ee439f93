// A device-management inventory (Jamf Pro computer or mobile-device search exported as CSV):
// one device per row, counted per building (or site) and kind. Mac → classroom-computer,
// iPad → tablet; other devices (iPhone, Apple TV) are counted aside, not imported.
import type { CsvRecord } from '~/platform/text/csv';
import { dateFrom, fold, type EquipmentKind } from './rollout-fields';
import type { Header, ParsedImport, RolloutLine } from './rollout-import';

// The model name ("MacBook Air (M2, 2022)", "iPad (9th generation)") or its identifier
// ("MacBookAir10,1", "iPad13,18"); the iPad test comes first, "iPad" contains no "mac".
export function kindOfModel(model: string): EquipmentKind | null {
  if (/ipad/i.test(model)) return 'tablet';
  if (/mac/i.test(model)) return 'classroom-computer';
  return null;
}

// The first enrolment is the closest an inventory comes to a delivery date.
const DATE_COLUMNS = ['initial_entry_date', 'last_enrollment', 'last_enrollment_date', 'enrollment_date'];

interface Columns {
  serial: number;
  model: number | undefined;
  modelId: number | undefined;
  building: number | undefined;
  site: number | undefined;
  date: number | undefined;
}

function columnsOf(header: Header): Columns {
  return {
    serial: header.get('serial_number')!,
    model: header.get('model'),
    modelId: header.get('model_identifier'),
    building: header.get('building'),
    site: header.get('site'),
    date: DATE_COLUMNS.map((c) => header.get(c)).find((i) => i !== undefined),
  };
}

export function parseDeviceInventory(records: CsvRecord[], header: Header): ParsedImport {
  const result: ParsedImport = { format: 'mdm', lines: [], problems: [], ignoredModels: [] };
  const at = columnsOf(header);
  if (at.building === undefined && at.site === undefined) {
    result.problems.push({ line: 1, key: 'noPlaceColumn' });
    return result;
  }
  const cell = (fields: string[], i: number | undefined) => (i === undefined ? '' : (fields[i] ?? '').trim());
  const groups = new Map<string, RolloutLine>();
  const serials = new Map<string, number>();
  const ignored = new Map<string, number>();
  for (const { line, fields } of records) {
    const serial = cell(fields, at.serial).toUpperCase();
    const model = cell(fields, at.model) || cell(fields, at.modelId);
    const place = cell(fields, at.building) || cell(fields, at.site);
    const kind = kindOfModel(model);
    const date = dateFrom(cell(fields, at.date)) ?? null;
    if (!serial) result.problems.push({ line, key: 'noSerial' });
    else if (serials.has(serial)) result.problems.push({ line, key: 'duplicateSerial', params: { serial, first: serials.get(serial)! } });
    else if (!kind) {
      serials.set(serial, line);
      ignored.set(model || '?', (ignored.get(model || '?') ?? 0) + 1);
    } else if (!place) {
      serials.set(serial, line);
      result.problems.push({ line, key: 'noPlace', params: { serial } });
    } else {
      serials.set(serial, line);
      const key = `${fold(place)}|${kind}`;
      const group = groups.get(key) ?? { lines: [], place, kind, quantity: 0, plannedOn: null, deliveredOn: null, devices: 0 };
      group.lines.push(line);
      group.quantity++;
      group.devices!++;
      if (date && (!group.deliveredOn || date < group.deliveredOn)) group.deliveredOn = date;
      groups.set(key, group);
    }
  }
  result.lines = [...groups.values()];
  result.ignoredModels = [...ignored].map(([model, count]) => ({ model, count })).sort((a, b) => b.count - a.count);
  return result;
}
