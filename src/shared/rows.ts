// Taking named fields from a record, for the two places code copied them one line per field: the part of a record
// that is signed or hashed (`pick`), and a stored row shown as an API view (`camelPick`: snake_case columns become the
// view's camelCase fields, typed, so a view built from it is checked against its interface like one written by hand).

/** `snake_case` as `camelCase`, as a type. */
export type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** The fields `keys` of `row`, each under its camelCase name. */
export type CamelPick<R, K extends keyof R & string> = { [P in K as Camel<P>]: R[P] };

/** The fields `keys` of `value`, nothing else. */
export function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = value[k];
  return out;
}

const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The columns `keys` of `row` under their camelCase names: `camelPick(r, ['id', 'file_name'])` → { id, fileName }. */
export function camelPick<R extends object, K extends keyof R & string>(row: R, keys: readonly K[]): CamelPick<R, K> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[camel(k)] = row[k];
  return out as CamelPick<R, K>;
}
