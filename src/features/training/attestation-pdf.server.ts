// An attestation as a one-page A4 PDF (pdf-lib): who, which trainings, dates and hours, the
// GAIA modules, the Drane as issuer, and the verification link as text, a link and a QR code.
import { PDFDocument, PDFName, PDFString, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { t } from '~/i18n';
import { formatDay } from '~/platform/text/dates';
import type { AttestationSnapshot } from '~db/schema';
import { hoursText, OBLIGATION_HOURS } from './school-year';

export interface AttestationDocument {
  snapshot: AttestationSnapshot;
  kind: 'training' | 'year';
  issuer: string;
  verifyUrl: string;
  code: string;
  issuedAt: number;
}

const tr = (key: string, params: Record<string, string | number> = {}) => t('fr', `attestation.${key}`, params);

// The standard fonts write WinAnsi only: letters beyond it (an Arabic name) become "?".
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export function pdfSafe(text: string): string {
  return [...text.normalize('NFC').replace(/[\u2009\u202f]/g, '\u00a0')]
    .map((c) => (c.charCodeAt(0) <= 0xff || WIN_ANSI_EXTRA.has(c) ? c : '?'))
    .join('');
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  return line ? [...lines, line] : lines;
}

function linkAnnotation(doc: PDFDocument, page: PDFPage, url: string, rect: [number, number, number, number]) {
  const annotation = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: rect,
      Border: [0, 0, 0],
      A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
    }),
  );
  page.node.set(PDFName.of('Annots'), doc.context.obj([annotation]));
}

// Always with the year (an attestation is read years later): `now` far from it.
const dayWithYear = (ms: number) => formatDay(ms, 'fr', 0);

function trainingDates(startsAt: number): string {
  return dayWithYear(startsAt);
}

export async function attestationPdf(a: AttestationDocument): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const s = a.snapshot;
  doc.setTitle(pdfSafe(a.kind === 'year' ? tr('yearTitle', { year: s.schoolYear }) : tr('title')));
  doc.setAuthor(pdfSafe(a.issuer));
  doc.setCreator('Passerelle');
  const page = doc.addPage([595.28, 841.89]);
  const [regular, bold] = await Promise.all([doc.embedFont(StandardFonts.Helvetica), doc.embedFont(StandardFonts.HelveticaBold)]);
  const margin = 56;
  const width = page.getWidth() - 2 * margin;
  let y = page.getHeight() - margin;
  const write = (text: string, { size = 12, font = regular, gap = 6 } = {}) => {
    for (const line of wrap(pdfSafe(text), font, size, width)) {
      y -= size;
      page.drawText(line, { x: margin, y, size, font, color: rgb(0.12, 0.14, 0.16) });
      y -= gap;
    }
  };
  write(a.kind === 'year' ? tr('yearTitle', { year: s.schoolYear }) : tr('title'), { size: 18, font: bold, gap: 10 });
  write(tr('issuer', { issuer: a.issuer }), { size: 11, gap: 18 });
  write(tr('intro', { issuer: a.issuer }));
  write(s.teacher, { size: 14, font: bold });
  write(s.school ? tr('school', { school: s.school }) : tr('noSchool'), { gap: 14 });
  write(a.kind === 'year' ? tr('attendedYear', { year: s.schoolYear, hours: hoursText(s.hours) }) : tr('attendedOne'), { gap: 10 });
  for (const training of s.trainings) {
    write(tr('line', { title: training.title, dates: trainingDates(training.startsAt), hours: hoursText(training.hours) }), {
      font: bold,
      gap: 2,
    });
    if (training.gaiaModule) write(tr('gaia', { module: training.gaiaModule }), { size: 10 });
    y -= 6;
  }
  if (a.kind === 'year') write(tr('total', { hours: hoursText(s.hours), obligation: OBLIGATION_HOURS }), { font: bold, gap: 14 });
  write(tr('issuedOn', { date: dayWithYear(a.issuedAt) }), { size: 10, gap: 24 });

  const qr = await doc.embedPng(await QRCode.toBuffer(a.verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' }));
  const qrSize = 96;
  const qrY = Math.max(margin, y - qrSize);
  page.drawImage(qr, { x: margin, y: qrY, width: qrSize, height: qrSize });
  y = qrY + qrSize;
  const textX = margin + qrSize + 16;
  const textWidth = width - qrSize - 16;
  for (const [text, size] of [
    [tr('verify', { url: a.verifyUrl }), 10],
    [tr('code', { code: a.code }), 10],
  ] as const) {
    for (const line of wrap(pdfSafe(text), regular, size, textWidth)) {
      y -= size + 4;
      page.drawText(line, { x: textX, y, size, font: regular, color: rgb(0.04, 0.31, 0.54) });
    }
  }
  linkAnnotation(doc, page, a.verifyUrl, [margin, qrY, margin + width, qrY + qrSize]);
  return doc.save();
}
