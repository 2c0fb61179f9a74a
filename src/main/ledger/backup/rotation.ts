// Which automatic backups to keep: the newest of each of the last 7 days, 4 weeks and 12 months that have backups
// (a "grandfather-father-son" rotation, as restic's --keep-daily/--keep-weekly/--keep-monthly). Pure: plain data in,
// plain data out; the caller deletes.
import { thisMonth, today } from '../../../shared/time';

export interface RotationPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4, monthly: 12 };

export interface Dated {
  name: string;
  /** When the backup was made (grouped by China calendar day, ISO week and month). */
  at: Date;
  /** Backup sequence number, when known: newer backups have higher numbers whatever the clock said. */
  order?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayKey = (d: Date) => today(d);
const monthKey = (d: Date) => thisMonth(d);

/** ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday), e.g. '2025-W01'. */
export function isoWeekKey(d: Date): string {
  const day = today(d);
  const t = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))));
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow);
  const yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((t.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${pad(week)}`;
}

/** The names to keep; everything else may go. The newest backup (by sequence, then time) is always kept. */
export function backupsToKeep(items: Dated[], policy: RotationPolicy = DEFAULT_ROTATION): Set<string> {
  const newestFirst = [...items].sort((a, b) => (b.order ?? 0) - (a.order ?? 0) || b.at.getTime() - a.at.getTime());
  const keep = new Set<string>();
  const first = newestFirst[0];
  if (first) keep.add(first.name);
  const buckets: [(d: Date) => string, number][] = [
    [dayKey, policy.daily],
    [isoWeekKey, policy.weekly],
    [monthKey, policy.monthly],
  ];
  for (const [key, count] of buckets) {
    const seen = new Set<string>();
    for (const item of newestFirst) {
      if (seen.size >= count) break;
      const k = key(item.at);
      if (seen.has(k)) continue;
      seen.add(k);
      keep.add(item.name);
    }
  }
  return keep;
}
