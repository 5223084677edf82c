// Instants as people read them on the clock of a chosen time zone (the reports' `-z`, the dashboard's zone field).

/** `YYYY-MM-DD HH:MM` of an ISO instant on the clock of IANA zone `zone`. */
export function localMinute(iso: string, zone: string): string {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  for (const p of format.formatToParts(new Date(iso))) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
