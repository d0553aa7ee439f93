// The /drane dashboard in one read: readiness of every school (one set-based load), then the
// figures, the chart, the table and the schools with equipment but no training.
import { utcToParisLocal } from '~/platform/text/dates';
import { byArrondissement, equipmentWithoutTraining, headline } from './readiness-views';
import { selectSchools, type SchoolQuery } from './school-table';
import type { Db } from '~/platform/db/db.server';
import { readinessBySchool } from './readiness.server';
import { kindsWithoutTrack } from './track-coverage';
import { kindsWithTrack } from './track-coverage.server';

export async function loadDashboard(db: Db, query: SchoolQuery, now = Date.now(), withoutTrainingShown = 10) {
  const [rows, covered] = await Promise.all([readinessBySchool(db, {}, now), kindsWithTrack(db)]);
  const today = utcToParisLocal(now).date;
  const withoutTraining = equipmentWithoutTraining(rows);
  return {
    today,
    headline: headline(rows, today),
    arrondissements: byArrondissement(rows),
    table: selectSchools(rows, query),
    withoutTraining: withoutTraining.slice(0, withoutTrainingShown),
    withoutTrainingTotal: withoutTraining.length,
    kindsWithoutTrack: kindsWithoutTrack(rows, covered),
  };
}
