// Forms of the 社会救助 pages validate as the clerk types with the contract's own zod schema (the rules the core
// applies), show each message next to its field once touched, and after a refused save show the core's field
// errors (`members.0.idNumber` …) in the same places.
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import { fieldErrorsOf, notifyError } from '../../lib/notify';

export type Values = Record<string, unknown>;

export interface Prepared {
  /** What goes to the schema (text turned into numbers, blanks dropped). */
  input: unknown;
  /** Errors found while preparing (e.g. an amount that is not money). */
  errors: Record<string, string>;
}

export interface Form<S extends z.ZodType> {
  values: Values;
  get(path: string): unknown;
  text(path: string): string;
  set(path: string, value: unknown): void;
  error(path: string): string | undefined;
  /** All current messages (client and core), for a summary. */
  errors(): Record<string, string>;
  submit(save: (input: z.output<S>) => Promise<void>): Promise<void>;
  saving: boolean;
  /** The core's refusal of the last save (shown above the buttons). */
  refusal: string | undefined;
  reset(values: Values): void;
}

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

function issuesByField(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}

const touchedBy = (touched: Set<string>, path: string) =>
  touched.has(path) || [...touched].some((t) => path.startsWith(`${t}.`) || t.startsWith(`${path}.`));

export function useForm<S extends z.ZodType>(
  schema: S,
  initial: Values,
  prepare: (values: Values) => Prepared = (v) => ({ input: v, errors: {} }),
): Form<S> {
  const [values, setValues] = useState<Values>(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [all, setAll] = useState(false);
  const [server, setServer] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string>();
  const [saving, setSaving] = useState(false);
  const { parsed, client } = useMemo(() => {
    const p = prepare(values);
    const r = schema.safeParse(p.input);
    return { parsed: r, client: { ...(r.success ? {} : issuesByField(r.error)), ...p.errors } };
  }, [schema, values]);

  return {
    values,
    get: (path) => getIn(values, path),
    text: (path) => {
      const v = getIn(values, path);
      return v === null || v === undefined ? '' : String(v);
    },
    set: (path, value) => {
      setValues((v) => setIn(v, path, value));
      setTouched((t) => new Set([...t, path]));
      setServer((s) => {
        const next = { ...s };
        delete next[path];
        return next;
      });
    },
    error: (path) => {
      if (server[path]) return server[path];
      if (!all && !touchedBy(touched, path)) return undefined;
      return client[path];
    },
    errors: () => ({ ...(all ? client : {}), ...server }),
    saving,
    refusal,
    reset: (next) => {
      setValues(next);
      setTouched(new Set());
      setAll(false);
      setServer({});
      setRefusal(undefined);
    },
    submit: async (save) => {
      setAll(true);
      setRefusal(undefined);
      if (!parsed.success || Object.keys(client).length > 0) {
        notifyError(new Error(Object.values(client)[0] ?? '请检查输入'), '请先改正标红的内容');
        return;
      }
      setSaving(true);
      try {
        await save(parsed.data);
        setServer({});
      } catch (e) {
        setServer(fieldErrorsOf(e));
        setRefusal(e instanceof Error ? e.message : String(e));
        notifyError(e);
      } finally {
        setSaving(false);
      }
    },
  };
}
