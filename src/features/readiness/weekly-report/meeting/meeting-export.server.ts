// The meeting report leaving the portal (API JSON, CSV, .xlsx): the query it accepts, the
// response of each format, and an audit row for each file taken away.
import { audit, type Actor } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { json, jsonError } from '~/platform/http/json';
import { sheetsCsv } from '~/platform/text/sheet';
import { sheetsXlsx, XLSX_TYPE } from '~/platform/text/xlsx.server';
import { isIsoWeek } from '../iso-week';
import { buildMeetingReport } from './meeting-report.server';
import { meetingSheets } from './meeting-sheets';
import { rv } from './meeting-text';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function parseReportRequest(isoWeek: string, params: URLSearchParams) {
  const errors: Record<string, string> = {};
  const format = (params.get('format') ?? 'json').trim().toLowerCase() as ReportFormat;
  if (!isIsoWeek(isoWeek)) errors.isoWeek = rv('report.invalidWeek');
  if (!REPORT_FORMATS.includes(format)) errors.format = rv('report.invalidFormat');
  return Object.keys(errors).length ? ({ ok: false, errors } as const) : ({ ok: true, isoWeek, format } as const);
}

const download = (body: BodyInit, type: string, fileName: string) =>
  new Response(body, {
    headers: { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'private, no-store' },
  });

export async function weeklyReportResponse(db: Db, actor: Actor, isoWeek: string, params: URLSearchParams, now = Date.now()) {
  const request = parseReportRequest(isoWeek, params);
  if (!request.ok) return jsonError(422, 'Paramètres invalides.', request.errors);
  const report = await buildMeetingReport(db, request.isoWeek, now);
  if (request.format === 'json') return json(report);
  await audit(db, actor, 'weekly-report.exported', 'weekly_report', request.isoWeek, { format: request.format });
  const name = `rapport-hebdomadaire-${request.isoWeek}`;
  if (request.format === 'csv') return download(sheetsCsv(meetingSheets(report)), 'text/csv; charset=utf-8', `${name}.csv`);
  return download(new Uint8Array(await sheetsXlsx(meetingSheets(report))), XLSX_TYPE, `${name}.xlsx`);
}
