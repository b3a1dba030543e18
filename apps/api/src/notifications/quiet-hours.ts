import { CHINA_OFFSET_MS } from '@tiaojie/domain';

/**
 * Quiet hours are set in China time (UTC+8) as HH:MM; a window may cross midnight
 * (22:00–08:00). Returns when the window ends if `at` falls inside it, else null.
 */
export function quietUntil(at: Date, start: string | null, end: string | null): Date | null {
  if (!start || !end || start === end) return null;
  const offset = CHINA_OFFSET_MS;
  const local = new Date(at.getTime() + offset);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const s = toMin(start);
  const e = toMin(end);
  const inside = s < e ? minutes >= s && minutes < e : minutes >= s || minutes < e;
  if (!inside) return null;
  const dayStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  let endLocal = dayStart + e * 60_000;
  if (endLocal <= local.getTime()) endLocal += 24 * 3600_000;
  return new Date(endLocal - offset);
}
