// The dashboard's table of schools: filters and sorting read from the address (plain GET
// links, no script), and the page of rows they select.
import type { SchoolStatus } from './readiness';
import { STATUSES } from './readiness-views';
import { EQUIPMENT_KINDS, fold } from '~/features/rollouts/rollout-fields';
import type { SchoolReadinessRow } from './readiness.server';

export const SORTS = ['nom', 'arrondissement', 'statut', 'preparation', 'eleves', 'enseignants'] as const;
export type Sort = (typeof SORTS)[number];
export const PAGE_SIZE = 50;
export const PRIORITY_FILTERS = ['REP+', 'REP', 'hors'] as const;
export type PriorityFilter = (typeof PRIORITY_FILTERS)[number];

export const matchesPriority = (row: { priorityEducation: 'REP' | 'REP+' | null }, filter: PriorityFilter | undefined) =>
  !filter || (filter === 'hors' ? row.priorityEducation === null : row.priorityEducation === filter);

export interface SchoolQuery {
  arrondissement?: number;
  status?: SchoolStatus;
  kind?: string;
  // Priority education: 'REP+', 'REP', or 'hors' (neither).
  priority?: PriorityFilter;
  text?: string;
  sort: Sort;
  order: 'asc' | 'desc';
  page: number;
}

// Numbers first look at what matters most: the fewest trained, the most pupils.
const NATURAL_ORDER: Record<Sort, 'asc' | 'desc'> = {
  nom: 'asc',
  arrondissement: 'asc',
  statut: 'asc',
  preparation: 'asc',
  eleves: 'desc',
  enseignants: 'desc',
};

// Anything unexpected in the address is ignored rather than refused: it is a filter form.
export function parseSchoolQuery(params: URLSearchParams): SchoolQuery {
  const a = Number(params.get('arrondissement'));
  const status = params.get('statut') as SchoolStatus | null;
  const kind = params.get('equipement');
  const priority = params.get('ep');
  const sort = (SORTS as readonly string[]).includes(params.get('tri') ?? '') ? (params.get('tri') as Sort) : 'statut';
  const order =
    params.get('ordre') === 'asc' || params.get('ordre') === 'desc' ? (params.get('ordre') as 'asc' | 'desc') : NATURAL_ORDER[sort];
  const page = Number(params.get('page'));
  return {
    arrondissement: Number.isInteger(a) && a >= 1 && a <= 16 ? a : undefined,
    status: status && STATUSES.includes(status) ? status : undefined,
    kind: kind && (EQUIPMENT_KINDS as readonly string[]).includes(kind) ? kind : undefined,
    priority: priority && (PRIORITY_FILTERS as readonly string[]).includes(priority) ? (priority as PriorityFilter) : undefined,
    text: (params.get('q') ?? '').trim().slice(0, 80) || undefined,
    sort,
    order,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

// The address of the same table with some settings changed (a new sort starts at page 1).
export function schoolQueryHref(q: SchoolQuery, change: Partial<SchoolQuery> = {}, path = '/drane'): string {
  const next = { ...q, ...(change.sort || change.order ? { page: 1 } : {}), ...change };
  const params = new URLSearchParams();
  if (next.arrondissement) params.set('arrondissement', String(next.arrondissement));
  if (next.status) params.set('statut', next.status);
  if (next.kind) params.set('equipement', next.kind);
  if (next.priority) params.set('ep', next.priority);
  if (next.text) params.set('q', next.text);
  params.set('tri', next.sort);
  params.set('ordre', next.order);
  if (next.page > 1) params.set('page', String(next.page));
  return `${path}?${params}#ecoles`;
}

// Clicking a column sorts by it; clicking it again turns the order round.
export function sortHref(q: SchoolQuery, sort: Sort): string {
  const order = q.sort === sort ? (q.order === 'asc' ? 'desc' : 'asc') : NATURAL_ORDER[sort];
  return schoolQueryHref(q, { sort, order });
}

const STATUS_RANK = Object.fromEntries(STATUSES.map((s, i) => [s, i])) as Record<SchoolStatus, number>;

function compare(sort: Sort): (a: SchoolReadinessRow, b: SchoolReadinessRow) => number {
  switch (sort) {
    case 'nom':
      return (a, b) => a.name.localeCompare(b.name, 'fr');
    case 'arrondissement':
      return (a, b) => a.arrondissement - b.arrondissement;
    case 'statut':
      return (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || a.readiness - b.readiness;
    case 'preparation':
      return (a, b) => a.readiness - b.readiness;
    case 'eleves':
      return (a, b) => a.pupils - b.pupils;
    case 'enseignants':
      return (a, b) => a.teachers - b.teachers;
  }
}

export interface SchoolPage {
  rows: SchoolReadinessRow[];
  total: number;
  page: number;
  pages: number;
}

export function selectSchools(all: SchoolReadinessRow[], q: SchoolQuery, pageSize = PAGE_SIZE): SchoolPage {
  const words = q.text ? fold(q.text).split(' ') : [];
  const rows = all.filter(
    (r) =>
      (!q.arrondissement || r.arrondissement === q.arrondissement) &&
      (!q.status || r.status === q.status) &&
      (!q.kind || r.equipment.some((e) => e.kind === q.kind)) &&
      matchesPriority(r, q.priority) &&
      words.every((w) => fold(`${r.name} ${r.uai}`).includes(w)),
  );
  const by = compare(q.sort);
  const sign = q.order === 'asc' ? 1 : -1;
  // Ties keep a stable, readable order: by name.
  rows.sort((a, b) => sign * by(a, b) || a.name.localeCompare(b.name, 'fr'));
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const page = Math.min(q.page, pages);
  return { rows: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pages };
}
