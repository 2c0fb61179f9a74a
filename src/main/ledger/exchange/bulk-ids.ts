// UUIDv7 ids for a bulk write (an import adds ~46,000 rows for 10,000 people): the same layout and order as newId()
// in ledger/ids.ts — 48-bit milliseconds, then a counter seeded at random on each new millisecond and incremented
// within it, then random bits — but the random bytes are drawn from the system in blocks of 4,096 ids instead of
// one call per id, which was a tenth of the import's time.
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

const BLOCK = 4096;

/** A generator of time-ordered ids (strictly increasing, like newId()). */
export function bulkIdSource(now: () => number = Date.now): () => string {
  const pool = new Uint8Array(16 * BLOCK);
  let used = pool.length;
  let msecs = -Infinity;
  let seq = 0;
  return () => {
    if (used === pool.length) {
      randomFillSync(pool);
      used = 0;
    }
    const random = pool.subarray(used, used + 16);
    used += 16;
    const t = now();
    if (t > msecs) {
      msecs = t;
      seq = (((random[6] ?? 0) & 0x7f) << 24) | ((random[7] ?? 0) << 16) | ((random[8] ?? 0) << 8) | (random[9] ?? 0);
    } else {
      seq = (seq + 1) | 0;
      if (seq === 0) msecs++;
    }
    return v7({ msecs, seq, random });
  };
}
