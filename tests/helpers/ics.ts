// Reads an iCalendar text back the way a calendar app does (RFC 5545 unfolding, parameters,
// nested components), so tests assert on what a phone would see.
export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface IcsComponent {
  type: string;
  props: IcsProperty[];
  children: IcsComponent[];
  prop(name: string): IcsProperty | undefined;
  value(name: string): string | undefined;
  all(type: string): IcsComponent[];
}

function component(type: string): IcsComponent {
  const c: IcsComponent = {
    type,
    props: [],
    children: [],
    prop: (name) => c.props.find((p) => p.name === name),
    value: (name) => c.prop(name)?.value,
    all: (t) => c.children.filter((k) => k.type === t),
  };
  return c;
}

function parseLine(line: string): IcsProperty {
  // The value starts at the first colon outside a quoted parameter.
  let quoted = false;
  let i = 0;
  for (; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) break;
  }
  const [name, ...rawParams] = line.slice(0, i).split(';');
  const params = Object.fromEntries(
    rawParams.map((p) => {
      const eq = p.indexOf('=');
      return [p.slice(0, eq).toUpperCase(), p.slice(eq + 1).replace(/^"|"$/g, '')];
    }),
  );
  return { name: name!.toUpperCase(), params, value: line.slice(i + 1) };
}

export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

export function parseIcs(text: string): IcsComponent {
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split(/\r\n/)
    .filter(Boolean);
  const root = component('ROOT');
  const stack = [root];
  for (const line of lines) {
    const prop = parseLine(line);
    const top = stack[stack.length - 1]!;
    if (prop.name === 'BEGIN') {
      const child = component(prop.value);
      top.children.push(child);
      stack.push(child);
    } else if (prop.name === 'END') {
      if (top.type !== prop.value) throw new Error(`END:${prop.value} closes ${top.type}`);
      stack.pop();
    } else {
      top.props.push(prop);
    }
  }
  if (stack.length !== 1) throw new Error('unterminated component');
  const calendar = root.children[0];
  if (!calendar || calendar.type !== 'VCALENDAR') throw new Error('not a VCALENDAR');
  return calendar;
}

// DTSTART;TZID=Europe/Paris:20270328T100000 → the UTC instant, using the Paris rules.
export function parisWallToUtc(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) throw new Error(`not a local date-time: ${value}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  for (const offsetHours of [1, 2]) {
    const utc = wall - offsetHours * 3_600_000;
    const back = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(utc);
    if (Number(back) === h) return utc;
  }
  throw new Error(`no Paris instant for ${value}`);
}
