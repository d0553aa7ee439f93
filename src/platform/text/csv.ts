// Delimited text as spreadsheets and open-data portals export it: a UTF-8 BOM, quoted fields
// with "" for a quote, separators and line breaks inside quotes, CRLF or LF line ends.

export interface CsvRecord {
  // The 1-based line where the record starts, as a spreadsheet or editor shows it.
  line: number;
  fields: string[];
}

export function parseCsv(text: string, separator = ';'): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record.
    if (fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      endRecord();
      start = ++line;
    } else field += c;
  }
  if (field !== '' || fields.length) endRecord();
  return records;
}
