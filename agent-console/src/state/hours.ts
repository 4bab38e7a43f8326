import type { WeeklyInterval } from '../api/admin';

/** "6 08:00-17:00" per line: day (0 Sunday … 6 Saturday) and opening hours. */
export function formatWeekly(weekly: WeeklyInterval[]): string {
  return weekly.map((w) => `${w.day} ${w.open}-${w.close}`).join('\n');
}

export function parseWeekly(text: string): WeeklyInterval[] | null {
  const out: WeeklyInterval[] = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^([0-6])\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(line);
    if (!m) return null;
    out.push({ day: Number(m[1]), open: m[2]!, close: m[3]! });
  }
  return out;
}
