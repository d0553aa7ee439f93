// Turns a message draft into its text and HTML parts. The HTML is deliberately plain: one
// column, inline styles only, no remote images, large links — readable on a cheap phone.
// Gmail drops <html> and <body> with their `dir`, so the direction and the alignment are also
// written on the wrapper and on every table cell, with physical sides (left/right), which
// every client reads, rather than `start`.
import { dir, type Lang } from '~/i18n';
import { headerSafe } from '~/features/mail/mail-address';

export type Block =
  | { kind: 'text'; text: string; strong?: boolean }
  | { kind: 'facts'; rows: Fact[] }
  | { kind: 'button'; label: string; href: string; hint?: string }
  | { kind: 'lines'; lines: Line[]; small?: boolean };

export interface Fact {
  label: string;
  value: string;
  // The value's language when it is not the message's (a French title in an Arabic email).
  valueLang?: string;
  note?: string;
  link?: { label: string; href: string };
}

export type Line = string | { label: string; href: string };

export interface Draft {
  subject: string;
  blocks: Block[];
}

export interface RenderedMessage {
  // The language it is written in (Content-Language).
  language: Lang;
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = {
  body: 'margin:0;padding:0;background:#f3f4f6;',
  frame:
    'max-width:560px;margin:0 auto;padding:20px 16px;background:#ffffff;color:#1f2328;font-family:Arial,Helvetica,sans-serif;font-size:17px;line-height:1.5;',
  p: 'margin:0 0 16px;',
  small: 'margin:0 0 12px;font-size:14px;color:#4b5563;',
  th: 'vertical-align:top;font-weight:bold;white-space:nowrap;',
  td: 'vertical-align:top;padding:6px 0;',
  link: 'color:#0b4f8a;',
  button:
    'display:inline-block;padding:14px 20px;background:#0b4f8a;color:#ffffff;text-decoration:none;border-radius:8px;font-weight:bold;',
} as const;

const a = (href: string, label: string, style: string = STYLE.link) =>
  `<a href="${escapeHtml(href)}" style="${style}">${escapeHtml(label)}</a>`;

// The sides of a right-to-left or left-to-right message: text starts on `start`, and the gap
// between a label and its value is on the label's `end` side.
interface Sides {
  dir: 'rtl' | 'ltr';
  start: 'left' | 'right';
  thPadding: string;
}

function sidesOf(lang: Lang): Sides {
  return dir(lang) === 'rtl'
    ? { dir: 'rtl', start: 'right', thPadding: 'padding:6px 0 6px 12px;' }
    : { dir: 'ltr', start: 'left', thPadding: 'padding:6px 12px 6px 0;' };
}

function blockHtml(block: Block, sides: Sides): string {
  const align = `text-align:${sides.start};`;
  switch (block.kind) {
    case 'text':
      return `<p style="${STYLE.p}">${block.strong ? `<strong>${escapeHtml(block.text)}</strong>` : escapeHtml(block.text)}</p>`;
    case 'facts':
      return `<table role="presentation" dir="${sides.dir}" style="border-collapse:collapse;margin:0 0 16px;">${block.rows
        .map((r) => {
          const extra = [
            r.note ? `<br><span style="color:#4b5563;">${escapeHtml(r.note)}</span>` : '',
            r.link ? `<br>${a(r.link.href, r.link.label)}` : '',
          ];
          return `<tr><th scope="row" dir="${sides.dir}" style="${STYLE.th}${align}${sides.thPadding}">${escapeHtml(r.label)}</th><td dir="${sides.dir}" style="${STYLE.td}${align}"><bdi${r.valueLang ? ` lang="${r.valueLang}" dir="ltr"` : ''}>${escapeHtml(r.value)}</bdi>${extra.join('')}</td></tr>`;
        })
        .join('')}</table>`;
    case 'button':
      return `<p style="${STYLE.p}">${a(block.href, block.label, STYLE.button)}</p>${block.hint ? `<p style="${STYLE.small}">${escapeHtml(block.hint)}</p>` : ''}`;
    case 'lines':
      return `<p style="${block.small ? STYLE.small : STYLE.p}">${block.lines
        .map((l) => (typeof l === 'string' ? escapeHtml(l) : a(l.href, l.label)))
        .join('<br>')}</p>`;
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'text':
      return block.text;
    case 'facts':
      return block.rows
        .map((r) => [`${r.label} : ${r.value}`, r.note, r.link && `${r.link.label} : ${r.link.href}`].filter(Boolean).join('\n'))
        .join('\n');
    case 'button':
      return [`${block.label} :`, block.href, block.hint].filter(Boolean).join('\n');
    case 'lines':
      // mailto: and tel: links already show their target in the label.
      return block.lines
        .map((l) => (typeof l === 'string' ? l : /^(mailto|tel):/.test(l.href) ? l.label : `${l.label} : ${l.href}`))
        .join('\n');
  }
}

export function renderDraft(draft: Draft, lang: Lang): RenderedMessage {
  const subject = headerSafe(draft.subject, 180);
  const sides = sidesOf(lang);
  const html = `<!doctype html><html lang="${lang}" dir="${dir(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head><body style="${STYLE.body}"><div dir="${sides.dir}" style="${STYLE.frame}text-align:${sides.start};">${draft.blocks.map((b) => blockHtml(b, sides)).join('\n')}</div></body></html>`;
  return { language: lang, subject, text: `${draft.blocks.map(blockText).join('\n\n')}\n`, html };
}
