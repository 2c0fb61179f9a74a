// The one form hook of the renderer. A form is driven by a contract method's input schema — the same zod schema the
// dispatcher checks — so the clerk sees, as they type, the messages the core would give. Values live at dotted paths
// ('members.0.idNumber'); each message is shown at its field once the field is touched (all of them after a save is
// tried); every rule a value breaks is listed, not only one; after a refused save the core's `fields` errors appear at
// their fields and its message above the buttons, and both go away as the clerk corrects those fields.
import { useState } from 'react';
import type { z } from 'zod';
import { api, type Api, type MethodName } from '../../../shared/api';
import type { ParsedInputOf } from '../../../shared/api/contract';
import { fieldErrorsOf, notifyError } from '../notify';
import { getIn, related, setIn } from './paths';

export type Values = Record<string, unknown>;
export type Errors = Record<string, string>;

/**
 * Turns the clerk's values into the method's input (text to numbers, blanks left out, ids added) and may add
 * messages the schema cannot give (a choice needed only in some cases, a number that is not valid) to `errors`.
 */
export type Prepare = (values: Values, errors: Errors) => unknown;

export interface Form<I = unknown> {
  values: Values;
  get(path: string): unknown;
  /** The value as text for an input ('' when empty). */
  text(path: string): string;
  /** Sets a value; the core's message at that field (and at `errorPath`, when the error is kept elsewhere) goes. */
  set(path: string, value: unknown, errorPath?: string): void;
  setMany(values: Values): void;
  /** A field's own reading error (e.g. "「12.345」不是有效金额"); undefined clears it. Blocks saving while set. */
  setInputError(path: string, message: string | undefined): void;
  /**
   * The messages to show at a field now: the core's, or the schema's and the preparer's once the field is touched.
   * `missing` replaces the schema's generic "expected a value" (a field says "请填写姓名" in its own words).
   */
  messages(path: string, missing?: string): string[];
  /** `messages` as one line ('；' between them), or undefined. */
  error(path: string, missing?: string): string | undefined;
  /** Validates everything; when valid, runs `save` with the parsed input; a refusal is shown in place. */
  submit(save: (input: I) => Promise<void>): Promise<void>;
  saving: boolean;
  /** The core's refusal of the last save, while the fields it named are not yet corrected. */
  refusal: string | undefined;
  reset(values: Values): void;
}

interface Issue {
  message: string;
  /** The schema found nothing entered (not a wrong value). */
  missing: boolean;
}

/** Every distinct message per path, in the schema's order. */
function issuesByPath(error: z.ZodError, input: unknown): Record<string, Issue[]> {
  const out: Record<string, Issue[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    const value = getIn(input, key);
    const missing = issue.code === 'invalid_type' && (value === undefined || value === null);
    const list = (out[key] ??= []);
    if (!list.some((i) => i.message === issue.message)) list.push({ message: issue.message, missing });
  }
  return out;
}

const isMethod = (s: unknown): s is MethodName => typeof s === 'string';

export function schemaOf(method: MethodName): z.ZodType {
  return api[method].input as z.ZodType;
}

const keep: Prepare = (v) => v;

export function useForm<M extends MethodName>(
  method: M,
  initial: Values,
  prepare?: Prepare,
): Form<ParsedInputOf<Api[M]>>;
export function useForm<S extends z.ZodType>(schema: S, initial: Values, prepare?: Prepare): Form<z.output<S>>;
export function useForm(source: MethodName | z.ZodType, initial: Values, prepare: Prepare = keep): Form<unknown> {
  const schema = isMethod(source) ? schemaOf(source) : source;
  const [values, setValues] = useState<Values>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [all, setAll] = useState(false);
  const [server, setServer] = useState<Errors>({});
  const [inputErrors, setInputErrors] = useState<Errors>({});
  const [refusal, setRefusal] = useState<{ message: string; fields: string[] }>();
  const [saving, setSaving] = useState(false);

  // Cheap enough to run on every render, and always with the current `prepare` (it may read page state).
  const prepared: Errors = {};
  const input = prepare(values, prepared);
  const parsed = schema.safeParse(input);
  const client: Record<string, Issue[]> = parsed.success ? {} : issuesByPath(parsed.error, input);
  // The page's own message for a path (and a field's reading error) says it better than the schema: it replaces them.
  for (const [k, m] of Object.entries({ ...prepared, ...inputErrors })) client[k] = [{ message: m, missing: false }];

  const shows = (path: string) => all || [...touched].some((t) => related(t, path));
  const messages = (path: string, missing?: string): string[] => {
    if (server[path]) return [server[path]];
    if (!shows(path)) return [];
    return (client[path] ?? []).map((i) => (i.missing && missing ? missing : i.message));
  };
  const changed = (paths: string[]) => {
    setTouched((t) => new Set([...t, ...paths]));
    setServer((s) => {
      const next = { ...s };
      for (const k of Object.keys(next)) if (paths.some((p) => related(p, k))) delete next[k];
      return next;
    });
  };
  // A refusal that named fields stays only while one of them still has a message; one that named none stays until
  // the next save (a rule such as maker-checker is not fixed by editing).
  const refusalShown =
    refusal && (refusal.fields.length === 0 || refusal.fields.some((f) => messages(f).length > 0))
      ? refusal.message
      : undefined;

  return {
    values,
    get: (path) => getIn(values, path),
    text: (path) => {
      const v = getIn(values, path);
      return v === null || v === undefined ? '' : String(v);
    },
    set: (path, value, errorPath) => {
      setValues((v) => setIn(v, path, value));
      changed(errorPath ? [path, errorPath] : [path]);
    },
    setMany: (more) => {
      setValues((v) => Object.entries(more).reduce((acc, [k, x]) => setIn(acc, k, x), v));
      changed(Object.keys(more));
    },
    setInputError: (path, message) =>
      setInputErrors((e) => {
        if (e[path] === message) return e;
        const next = { ...e };
        if (message) next[path] = message;
        else delete next[path];
        return next;
      }),
    messages,
    error: (path, missing) => {
      const m = messages(path, missing);
      return m.length > 0 ? m.join('；') : undefined;
    },
    saving,
    refusal: refusalShown,
    reset: (next) => {
      setValues(next);
      setTouched(new Set());
      setAll(false);
      setServer({});
      setInputErrors({});
      setRefusal(undefined);
    },
    submit: async (save) => {
      setAll(true);
      setRefusal(undefined);
      const problems = Object.values(client).flat();
      if (!parsed.success || problems.length > 0) {
        const first = problems.find((p) => !p.missing)?.message ?? '还有必填的内容未填写';
        notifyError(new Error(first), '请先改正标红的内容');
        return;
      }
      setSaving(true);
      try {
        await save(parsed.data);
        setServer({});
      } catch (e) {
        const fields = fieldErrorsOf(e);
        setServer(fields);
        setRefusal({ message: e instanceof Error ? e.message : String(e), fields: Object.keys(fields) });
        notifyError(e);
      } finally {
        setSaving(false);
      }
    },
  };
}
