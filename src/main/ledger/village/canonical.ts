// Canonical JSON (keys sorted, no spaces) and SHA-256, so a signature and a hash mean the same bytes on both sides.
import { createHash } from 'node:crypto';

export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v === undefined ? null : v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The {id, version} pairs an input carries (at any depth): the record versions a change was based on. */
export function baseVersions(input: unknown): { id: string; version: number }[] {
  const out: { id: string; version: number }[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.id === 'string' && typeof o.version === 'number') out.push({ id: o.id, version: o.version });
      Object.values(o).forEach(walk);
    }
  };
  walk(input);
  return out;
}
