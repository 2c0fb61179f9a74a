// The month's figures kept for the stamp of the data they were read from (migration 0018): every write to a table
// the figures read moves the stamp in the same transaction (triggers, which no write path can skip), so figures
// kept under the stamp that is current are the figures the ledger would give now. docs/DECISIONS.md (issue 17).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db';

/** The stamp of the data the figures are read from; null when the ledger has none (a village copy, an old file). */
export async function figuresStamp(db: Kysely<DB>): Promise<string | null> {
  try {
    const r = await sql<{ s: string }>`SELECT hex(stamp) AS s FROM report_figures_stamp WHERE id = 1`.execute(db);
    return r.rows[0]?.s ?? null;
  } catch {
    return null; // a ledger opened read-only before migration 0018 ran on it
  }
}

/** How many results are kept (a month and its 上月, with and without checks, for a few months). */
const KEPT = 16;
/** stamp|key → the result as JSON (each reader gets its own copy). */
const kept = new Map<string, string>();

/**
 * The result of `compute` for the current stamp: kept from an earlier call, or computed now and kept. The stamp is
 * read BEFORE computing: a write that lands while computing moves the stamp, so the result (which may have seen part
 * of that write) is kept under a stamp that is never current again and is never handed out.
 */
export async function keptFigures<T>(
  db: Kysely<DB>,
  key: string,
  compute: (stamp: string | null) => Promise<T>,
): Promise<T> {
  const stamp = await figuresStamp(db);
  if (stamp === null) return compute(null);
  const k = `${stamp}|${key}`;
  const hit = kept.get(k);
  if (hit !== undefined) {
    kept.delete(k);
    kept.set(k, hit);
    return JSON.parse(hit) as T;
  }
  const value = await compute(stamp);
  kept.set(k, JSON.stringify(value));
  for (const old of kept.keys()) {
    if (kept.size <= KEPT) break;
    kept.delete(old);
  }
  return value;
}
