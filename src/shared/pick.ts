// Taking named fields from a record: the part of a record that is signed or hashed, listed once by its field names
// instead of copied one line per field. (A stored row shown as an API view: `camelFields` in the kernel.)

/** The fields `keys` of `value`, nothing else. */
export function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = value[k];
  return out;
}
