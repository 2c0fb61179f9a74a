// Stable text ids for every row a clerk can change: UUIDv7 (time-ordered, so inserts stay local in the B-tree).
import { v7 } from 'uuid';

export const newId = (): string => v7();
/** A UUIDv7 for a given time and 16 random bytes: reproducible ids for generated ledgers (seed/). */
export const idAt = (msecs: number, random: Uint8Array): string => v7({ msecs, random });
export const nowIso = (d: Date = new Date()): string => d.toISOString();
