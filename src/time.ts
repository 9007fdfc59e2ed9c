const formatters = new Map<string, Intl.DateTimeFormat>();

export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  year: string;
  /** MM-DD */
  md: string;
  /** HH:MM, 00-23 */
  hm: string;
}

/** The wall-clock date and minute of `ms` in a zone; one cached formatter per zone (they are costly to build). */
export function localTime(ms: number, tz: string): LocalTime {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  const parts = f.formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  const md = `${get('month')}-${get('day')}`;
  return { date: `${get('year')}-${md}`, year: get('year'), md, hm: `${get('hour')}:${get('minute')}` };
}

/** `YYYY-MM-DD HH:MM` in the zone. */
export function formatDateTime(ms: number, tz: string): string {
  const t = localTime(ms, tz);
  return `${t.date} ${t.hm}`;
}
