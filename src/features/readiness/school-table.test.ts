import { describe, expect, it } from 'vitest';
import { row } from './fixtures/readiness-rows';
import { parseSchoolQuery, schoolQueryHref, selectSchools, sortHref } from './school-table';

const delivered = { kind: 'tablet', quantity: 4, plannedOn: null, deliveredOn: '2026-02-01' };
const ROWS = [
  row('0130001A', { name: 'École Belsunce', arrondissement: 1, pupils: 240, rollouts: [delivered], trained: { tablet: 9 } }),
  row('0130002B', { name: 'École du Panier', arrondissement: 2, pupils: 120, rollouts: [delivered], trained: { tablet: 1 } }),
  row('0130003C', { name: 'École Castellane', arrondissement: 6, pupils: 290 }),
  row('0130004D', { name: 'École Abeilles', arrondissement: 1, pupils: 90, rollouts: [delivered], trained: { tablet: 6 } }),
];

const q = (s: string) => parseSchoolQuery(new URLSearchParams(s));

describe('the school table', () => {
  it('reads filters and sorting from the address, ignoring what it does not know', () => {
    expect(q('arrondissement=3&statut=at-risk&equipement=tablet&tri=eleves')).toMatchObject({
      arrondissement: 3,
      status: 'at-risk',
      kind: 'tablet',
      sort: 'eleves',
      order: 'desc',
      page: 1,
    });
    expect(q('arrondissement=99&statut=lost&equipement=jetpack&tri=x&page=-2')).toEqual({
      arrondissement: undefined,
      status: undefined,
      kind: undefined,
      text: undefined,
      sort: 'statut',
      order: 'asc',
      page: 1,
    });
  });

  it('sorts at-risk schools first by default, then by readiness', () => {
    expect(selectSchools(ROWS, q('')).rows.map((r) => r.uai)).toEqual(['0130002B', '0130004D', '0130001A', '0130003C']);
  });

  it('filters by arrondissement, status, kind and name', () => {
    expect(selectSchools(ROWS, q('arrondissement=1')).rows.map((r) => r.uai)).toEqual(['0130004D', '0130001A']);
    expect(selectSchools(ROWS, q('statut=no-equipment')).rows.map((r) => r.uai)).toEqual(['0130003C']);
    expect(selectSchools(ROWS, q('equipement=tablet&tri=eleves')).rows.map((r) => r.uai)).toEqual(['0130001A', '0130002B', '0130004D']);
    expect(selectSchools(ROWS, q('q=panier')).total).toBe(1);
  });

  it('pages the rows', () => {
    const page = selectSchools(ROWS, q('tri=nom&page=2'), 3);
    expect(page).toMatchObject({ total: 4, page: 2, pages: 2 });
    expect(page.rows.map((r) => r.name)).toEqual(['École du Panier']);
  });

  it('links keep the filters; sorting again turns the order round', () => {
    const query = q('arrondissement=1&tri=nom&ordre=asc&page=2');
    expect(sortHref(query, 'nom')).toBe('/drane?arrondissement=1&tri=nom&ordre=desc#ecoles');
    expect(schoolQueryHref(query, { page: 3 })).toBe('/drane?arrondissement=1&tri=nom&ordre=asc&page=3#ecoles');
  });
});
