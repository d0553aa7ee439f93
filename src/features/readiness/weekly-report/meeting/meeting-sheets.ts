// The meeting report's tables as sheets (French headers and words, shares as shares), for its
// CSV and its .xlsx.
import { day, share, type Sheet } from '~/platform/text/sheet';
import { kindLabel, statusLabel } from '~/features/readiness/staff-format';
import { utcToParisLocal } from '~/platform/text/dates';
import type { MeetingReport } from './meeting-report.server';
import { GROUPS } from './sections/priority-education.server';
import { arr, dayText, groupText, isoWhen, priorityText, reasonsText, rv, statusText, trainingText } from './meeting-text';

const isoDay = (iso: string) => utcToParisLocal(Date.parse(iso)).date;

function figures(r: MeetingReport): Sheet {
  const f = r.figures;
  const line = (key: 'sessionsHeld' | 'teachersTrained' | 'parentsTrained') => [rv(`figures.${key}`), f[key].thisWeek, f[key].schoolYear];
  return {
    title: rv('sheets.figures'),
    headers: [rv('figures.indicator'), rv('figures.thisWeek'), rv('figures.schoolYear', { date: dayText(f.schoolYearFrom) })],
    rows: [line('sessionsHeld'), line('teachersTrained'), line('parentsTrained')],
  };
}

function lookAhead(r: MeetingReport): Sheet {
  const c = (k: string) => rv(`lookAhead.${k}`);
  return {
    title: rv('sheets.lookAhead'),
    headers: [
      c('uai'),
      c('school'),
      c('arrondissement'),
      c('priority'),
      c('kind'),
      c('quantity'),
      c('dueOn'),
      c('teachers'),
      c('trained'),
      c('trainings'),
    ],
    rows: r.upcomingDeliveries.map((d) => [
      d.uai,
      d.school,
      arr(d.arrondissement),
      priorityText(d.priorityEducation),
      kindLabel(d.kind),
      d.quantity,
      day(d.dueOn),
      d.teachers,
      d.trainedTeachers,
      d.plannedTrainings.length ? d.plannedTrainings.map(trainingText).join(' ; ') : c('nonePlanned'),
    ]),
  };
}

function statusChanges(r: MeetingReport): Sheet {
  const c = (k: string) => rv(`changes.${k}`);
  return {
    title: rv('sheets.statusChanges'),
    headers: [
      rv('lookAhead.uai'),
      rv('lookAhead.school'),
      rv('lookAhead.arrondissement'),
      rv('lookAhead.priority'),
      c('before'),
      c('now'),
      rv('readinessCsv.readiness'),
      c('why'),
    ],
    rows: r.statusChanges.changes.map((s) => [
      s.uai,
      s.school,
      arr(s.arrondissement),
      priorityText(s.priorityEducation),
      statusText(s.from),
      statusLabel(s.to),
      share(s.readiness),
      reasonsText(s.why),
    ]),
  };
}

function notTold(r: MeetingReport): Sheet {
  const c = (k: string) => rv(`notTold.${k}`);
  return {
    title: rv('sheets.notTold'),
    headers: [c('session'), c('date'), c('change'), c('person'), c('reason'), c('called')],
    rows: r.notTold.people.map((p) => [
      p.session,
      isoWhen(p.sessionStartsAt),
      rv(`notTold.kinds.${p.change}`),
      p.person,
      rv(`notTold.reasons.${p.reason}`),
      p.calledAt ? day(isoDay(p.calledAt)) : c('notCalled'),
    ]),
  };
}

function followUps(r: MeetingReport): Sheet {
  const c = (k: string, p: Record<string, string> = {}) => rv(`followUps.${k}`, p);
  return {
    title: rv('sheets.followUps'),
    headers: [c('openedIn'), c('what'), c('who'), c('dueOn'), c('state')],
    rows: r.followUps.map((f) => [
      f.openedIn,
      f.what,
      f.who,
      day(f.dueOn),
      f.closedIn ? c('closed', { week: f.closedIn }) : f.overdue ? c('overdue') : c('open'),
    ]),
  };
}

function priorityEducation(r: MeetingReport): Sheet {
  const c = (k: string) => rv(`priority.${k}`);
  return {
    title: rv('sheets.priorityEducation'),
    headers: [c('group'), c('schools'), c('teachers'), c('teachersTrained'), c('pupils'), c('parentsTrained'), c('atRisk'), c('ready')],
    rows: GROUPS.map((g) => {
      const p = r.priorityEducation[g];
      return [groupText(g), p.schools, p.teachers, p.teachersTrained, p.pupils, p.parentsTrained, p.atRisk, p.ready];
    }),
  };
}

function trends(r: MeetingReport): Sheet[] {
  const c = (k: string) => rv(`trends.${k}`);
  const t = r.trends;
  return [
    {
      title: rv('sheets.trends'),
      headers: [c('week'), c('city'), ...GROUPS.map(groupText), c('trainedCity')],
      rows: t.weeks.map((w, i) => [
        w,
        share(t.city[i]!.readiness),
        ...GROUPS.map((g) => share(t.priority[g][i]!.readiness)),
        t.city[i]!.trainedTeachers,
      ]),
    },
    {
      title: rv('sheets.arrondissements'),
      headers: [c('week'), ...t.arrondissements.map((a) => arr(a.arrondissement))],
      rows: t.weeks.map((w, i) => [w, ...t.arrondissements.map((a) => share(a.points[i]!.readiness))]),
    },
  ];
}

function weekTables(r: MeetingReport): Sheet[] {
  return [
    {
      title: rv('sheets.sessions'),
      headers: [
        rv('notTold.session'),
        rv('notTold.date'),
        rv('lookAhead.school'),
        'Inscrits',
        'Présences notées',
        'Présents',
        rv('readinessCsv.status'),
      ],
      rows: r.sessions.map((s) => [
        s.title,
        isoWhen(new Date(s.startsAt).toISOString()),
        s.school ?? '',
        s.confirmed,
        s.marked,
        s.present,
        rv(s.status === 'cancelled' ? 'report.cancelled' : s.startsAt < r.generatedAt ? 'report.held' : 'report.planned'),
      ]),
    },
    {
      title: rv('sheets.atRisk'),
      headers: [
        rv('lookAhead.uai'),
        rv('lookAhead.school'),
        rv('lookAhead.arrondissement'),
        rv('readinessCsv.pupils'),
        rv('readinessCsv.readiness'),
        rv('readinessCsv.kind'),
      ],
      rows: r.atRisk.map((s) => [s.uai, s.name, arr(s.arrondissement), s.pupils, share(s.readiness), s.kinds.map(kindLabel).join(', ')]),
    },
  ];
}

export function meetingSheets(r: MeetingReport): Sheet[] {
  return [figures(r), lookAhead(r), statusChanges(r), notTold(r), followUps(r), priorityEducation(r), ...trends(r), ...weekTables(r)];
}
