// Readiness as a French spreadsheet (beside the API's CSV, whose English headers are a
// contract): one row per school and kind, statuses and kinds in words, shares as "45 %".
import { t } from '~/i18n';
import { day, share, type Sheet } from '~/platform/text/sheet';
import { arrondissementLabel, kindLabel, statusLabel } from './staff-format';
import type { SchoolReadinessRow } from './readiness.server';

const c = (key: string) => t('fr', `review.readinessCsv.${key}`);
const COLUMNS = [
  'uai',
  'school',
  'arrondissement',
  'priority',
  'teachers',
  'pupils',
  'status',
  'readiness',
  'parentReach',
  'kind',
  'quantity',
  'plannedOn',
  'deliveredOn',
  'trainedTeachers',
  'kindReadiness',
  'drives',
];

export function readinessSheet(rows: SchoolReadinessRow[]): Sheet {
  const lines = rows.flatMap((r) => {
    const base = [
      r.uai,
      r.name,
      arrondissementLabel(r.arrondissement),
      r.priorityEducation ?? '',
      r.teachers,
      r.pupils,
      statusLabel(r.status),
      share(r.status === 'no-equipment' ? null : r.readiness),
      share(r.parentReach),
    ];
    if (!r.equipment.length) return [[...base, '', null, day(null), day(null), null, share(null), '']];
    return r.equipment.map((e) => [
      ...base,
      kindLabel(e.kind),
      e.quantity,
      day(e.plannedOn),
      day(e.deliveredOn),
      e.trainedTeachers,
      share(e.readiness),
      c(e.pressing ? 'yes' : 'no'),
    ]);
  });
  return { title: t('fr', 'review.sheets.readiness'), headers: COLUMNS.map(c), rows: lines };
}
