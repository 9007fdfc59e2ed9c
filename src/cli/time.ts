const fmt = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** `2022-03-15 05:35` in the site's zone (sv-SE formats as ISO-like date and time). */
export function formatShanghai(ms: number): string {
  return fmt.format(new Date(ms));
}
