// Reading and writing a value at a dotted path ('members.0.idNumber') without mutating: the form's values are
// replaced, never changed in place, so React sees every edit.

export function getIn(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

export function setIn<T>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const key = head ?? '';
  const src = (obj ?? {}) as Record<string, unknown> | unknown[];
  const child = Array.isArray(src) ? src[Number(key)] : src[key];
  const next = rest.length === 0 ? value : setIn(child, rest.join('.'), value);
  if (Array.isArray(src)) {
    const copy = [...src];
    copy[Number(key)] = next;
    return copy as T;
  }
  return { ...src, [key]: next } as T;
}

/** True when `a` is `b`, inside it ('members.0' holds 'members.0.name') or holds it. */
export const related = (a: string, b: string): boolean => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** '' and null -> absent, for the listed keys (optional fields the schema checks only when present). */
export function dropBlank<T extends Record<string, unknown>>(values: T, keys: readonly string[]): T {
  const out: Record<string, unknown> = { ...values };
  for (const k of keys) if (out[k] === '' || out[k] === null) delete out[k];
  return out as T;
}

/** A record's text values as a form's start values: each its value, or '' (a blank input) when absent or new. */
export function textsOf<T extends object, const K extends keyof T & string>(
  record: T | null | undefined,
  keys: readonly K[],
): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of keys) out[k] = (record?.[k] as string | null | undefined) ?? '';
  return out;
}
