// Forms of the 养老服务 pages validate as the clerk types with the contract's own zod schema (the same rules the core
// applies), show errors next to touched fields, and show the core's field errors after a refused save.
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import { fieldErrorsOf, notifyError } from '../../lib/notify';

export interface Form<S extends z.ZodType> {
  values: Record<string, unknown>;
  /** Text value of a field, '' when empty (for inputs). */
  text(field: string): string;
  set(field: string, value: unknown): void;
  setMany(values: Record<string, unknown>): void;
  error(field: string): string | undefined;
  /** Validates everything; when valid, runs `save` with the parsed input. Field errors from the core are shown. */
  submit(save: (input: z.output<S>) => Promise<void>): Promise<void>;
  saving: boolean;
  reset(values: Record<string, unknown>): void;
}

function issuesByField(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}

export function useForm<S extends z.ZodType>(schema: S, initial: Record<string, unknown>): Form<S> {
  const [values, setValues] = useState<Record<string, unknown>>(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [all, setAll] = useState(false);
  const [server, setServer] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const parsed = useMemo(() => schema.safeParse(values), [schema, values]);
  const client = parsed.success ? {} : issuesByField(parsed.error);

  const touch = (fields: string[]) => {
    setTouched((t) => new Set([...t, ...fields]));
    setServer((s) => {
      const next = { ...s };
      for (const f of fields) delete next[f];
      return next;
    });
  };

  return {
    values,
    text: (field) => {
      const v = values[field];
      return v === null || v === undefined ? '' : String(v);
    },
    set: (field, value) => {
      setValues((v) => ({ ...v, [field]: value }));
      touch([field]);
    },
    setMany: (more) => {
      setValues((v) => ({ ...v, ...more }));
      touch(Object.keys(more));
    },
    error: (field) => {
      if (server[field]) return server[field];
      if (!all && !touched.has(field)) return undefined;
      return client[field];
    },
    saving,
    reset: (next) => {
      setValues(next);
      setTouched(new Set());
      setAll(false);
      setServer({});
    },
    submit: async (save) => {
      setAll(true);
      if (!parsed.success) {
        notifyError(new Error(Object.values(client)[0] ?? '请检查输入'), '请先改正标红的内容');
        return;
      }
      setSaving(true);
      try {
        await save(parsed.data);
        setServer({});
      } catch (e) {
        setServer(fieldErrorsOf(e));
        notifyError(e);
      } finally {
        setSaving(false);
      }
    },
  };
}

/** '' -> null for optional numbers typed in a NumberInput. */
export const numberOrEmpty = (v: string | number): number | '' => (v === '' ? '' : Number(v));

/** Today in China, 'YYYY-MM-DD' (the ledger's dates are China calendar dates). */
export function todayCn(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export const pct = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
