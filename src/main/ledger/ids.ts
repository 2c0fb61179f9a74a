// Stable text ids for every row a clerk can change: UUIDv7 (time-ordered, so inserts stay local in the B-tree).
import { v7 } from 'uuid';

export const newId = (): string => v7();
export const nowIso = (d: Date = new Date()): string => d.toISOString();
