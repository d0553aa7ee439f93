// Numbered pages for staff lists (accounts): which rows a `?page=` asks for, clamped to what
// exists, so a stale or typed-in page number still shows something.
export interface PageWindow {
  page: number;
  pages: number;
  offset: number;
  size: number;
  // 1-based positions of the first and last rows shown (0 and 0 for an empty list).
  from: number;
  to: number;
}

export function pageWindow(total: number, requested: unknown, size: number): PageWindow {
  const pages = Math.max(1, Math.ceil(total / size));
  const asked = Math.trunc(Number(requested));
  const page = Number.isFinite(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
  const offset = (page - 1) * size;
  return { page, pages, offset, size, from: total ? offset + 1 : 0, to: Math.min(total, offset + size) };
}

// A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally (ESCAPE '\').
export function containsPattern(text: string): string {
  return `%${text
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
