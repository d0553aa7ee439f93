// The sections of the meeting report, one file each: a section is a function of the report's
// context. Adding one is a file and a line here (its page part goes in components/staff/report/).
import type { ReportContext } from '../context.server';
import { figuresSection } from './figures.server';
import { followUpsSection } from './follow-ups.server';
import { lookAheadSection } from './look-ahead.server';
import { notToldSection } from './not-told.server';
import { priorityEducationSection } from './priority-education.server';
import { statusChangesSection } from './status-changes.server';
import { trendsSection } from './trends.server';

export const SECTIONS = {
  figures: figuresSection,
  lookAhead: lookAheadSection,
  statusChanges: statusChangesSection,
  notTold: notToldSection,
  followUps: followUpsSection,
  priorityEducation: priorityEducationSection,
  trends: trendsSection,
} satisfies Record<string, (ctx: ReportContext) => unknown>;

export type SectionData = { [K in keyof typeof SECTIONS]: Awaited<ReturnType<(typeof SECTIONS)[K]>> };
