// Links out of the portal: maps and "add to calendar" for people without an .ics-aware phone.
const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export function mapUrl(place: { address: string; name?: string; latitude?: number | null; longitude?: number | null }): string {
  if (place.latitude != null && place.longitude != null) {
    return `https://www.openstreetmap.org/?mlat=${place.latitude}&mlon=${place.longitude}#map=18/${place.latitude}/${place.longitude}`;
  }
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(place.address || place.name || '')}`;
}

export interface CalendarEvent {
  title: string;
  startsAt: number;
  endsAt: number;
  location: string;
  details: string;
}

export function googleCalendarUrl(e: CalendarEvent): string {
  const p = new URLSearchParams({
    action: 'TEMPLATE',
    text: e.title,
    dates: `${stamp(e.startsAt)}/${stamp(e.endsAt)}`,
    details: e.details,
    location: e.location,
    ctz: 'Europe/Paris',
  });
  return `https://calendar.google.com/calendar/render?${p}`;
}

export function outlookCalendarUrl(e: CalendarEvent): string {
  const p = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: e.title,
    startdt: new Date(e.startsAt).toISOString(),
    enddt: new Date(e.endsAt).toISOString(),
    location: e.location,
    body: e.details,
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${p}`;
}
