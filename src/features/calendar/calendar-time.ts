// Paris wall-clock times for ical-generator. Given a native Date and an event time zone, it
// writes DTSTART from the *process's* local getters (getHours…), so the server's TZ would
// leak into every invite. This Date answers those getters in Paris time whatever TZ is, and
// has the shape ical-generator recognises as a date-fns TZDate.
import { TIME_ZONE } from '~/platform/text/dates';

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallOf(ms: number): Wall {
  const p = Object.fromEntries(wallClock.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

export class ParisTime extends Date {
  readonly timeZone = TIME_ZONE;
  readonly internal: Date;
  private readonly wall: Wall;

  constructor(ms: number) {
    super(ms);
    this.internal = new Date(ms);
    this.wall = wallOf(ms);
  }

  withTimeZone(timeZone?: string | null): ParisTime {
    if (timeZone && timeZone !== TIME_ZONE) throw new Error(`ParisTime cannot be shown in ${timeZone}`);
    return this;
  }

  tzComponents(): Wall {
    return { ...this.wall };
  }

  override getFullYear() {
    return this.wall.year;
  }
  override getMonth() {
    return this.wall.month - 1;
  }
  override getDate() {
    return this.wall.day;
  }
  override getHours() {
    return this.wall.hour;
  }
  override getMinutes() {
    return this.wall.minute;
  }
  override getSeconds() {
    return this.wall.second;
  }
}
