// Rows -> the contract's views: a view names a column in camelCase (`village_id` -> `villageId`) and keeps its value.
// `camelFields` says that once, typed, so a view function lists the columns it shows and writes by hand only what it
// turns into something else (a 0/1 column into a boolean, a code into a label, a masked number).

/** `village_id` -> `villageId` (the letter after each underscore in capitals), as a type. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** The columns `K` of a row of type `R` under their view names, with their values as stored. */
export type CamelFields<R, K extends keyof R & string> = { [P in K as CamelCase<P>]: R[P] };

const camelName = (column: string): string => column.replace(/_(.)/g, (_, c: string) => c.toUpperCase());

/**
 * A function that takes the columns `keys` of a row under their view names. The names are worked out once, when the
 * function is made (views are built per row of a list):
 * `const visitFields = camelFields<ElderlyVisitsTable>()(['id', 'elderly_id', 'visited_on'])` gives
 * `visitFields(row)` = `{ id, elderlyId, visitedOn }`.
 */
export function camelFields<R extends object>() {
  return <K extends keyof R & string>(keys: readonly K[]): ((row: R) => CamelFields<R, K>) => {
    const names = keys.map((k) => [k, camelName(k)] as const);
    return (row) => {
      const out: Record<string, unknown> = {};
      for (const [column, name] of names) out[name] = row[column];
      return out as CamelFields<R, K>;
    };
  };
}
