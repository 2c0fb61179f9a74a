// Inputs bound to a `useForm` path, so a form is a short list of labelled fields. Each shows the messages for its
// path (every rule broken, one per line); `errorPath` shows the messages kept under another path (e.g. a list's
// messages under one of its inputs).
import {
  Checkbox,
  NativeSelect,
  NumberInput,
  Select,
  Switch,
  Textarea,
  TextInput,
  type ComboboxItem,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState, type ReactNode } from 'react';
import type { IdCheckResult } from '../../../shared/api/cases';
import { parseIdNumber } from '../../../shared/idcard';
import { label as labelOf, type LabelKind } from '../../../shared/labels';
import { formatYuan, parseYuan } from '../../../shared/money';
import { call } from '../../api';
import { useFormContext, type AnyForm } from './context';

interface Base {
  path: string;
  label: string;
  /** Where this field's messages are kept when not at `path`. */
  errorPath?: string;
  required?: boolean;
  description?: ReactNode;
  placeholder?: string;
  disabled?: boolean;
}

/** A field's props with the form it belongs to (from the enclosing form's context). */
type Bound<P extends Partial<Base>> = P & { form: AnyForm };
const useBound = <P extends Partial<Base>>(p: P): Bound<P> => ({ ...p, form: useFormContext() });

/** The label without its explanation in brackets: "申请日期（不填…）" -> "申请日期". */
const shortLabel = (label: string) => label.replace(/（.*$/u, '').trim();

/** The messages at a field: one line each. */
export function fieldError(form: AnyForm, path: string, missing?: string): ReactNode {
  const m = form.messages(path, missing);
  if (m.length === 0) return undefined;
  if (m.length === 1) return m[0];
  return (
    <>
      {m.map((x) => (
        <span key={x} style={{ display: 'block' }}>
          {x}
        </span>
      ))}
    </>
  );
}

const errorOf = (p: Bound<Base>, verb = '请填写') =>
  fieldError(p.form, p.errorPath ?? p.path, `${verb}${shortLabel(p.label)}`);

/** What every field passes to its Mantine input: label, hint, state and the messages at its path. */
const shown = (p: Bound<Base>, verb?: string) => ({
  label: p.label,
  disabled: p.disabled,
  description: p.description,
  error: errorOf(p, verb),
});

/** `shown` and what a typed input adds: the placeholder and the required mark. */
const common = (p: Bound<Base>, verb?: string) => ({
  ...shown(p, verb),
  placeholder: p.placeholder,
  required: p.required,
});

/** A text input's value and change handler, bound to the field's path. */
const textBinding = (p: Bound<Base>) => ({
  value: p.form.text(p.path),
  onChange: (e: { currentTarget: { value: string } }) => p.form.set(p.path, e.currentTarget.value, p.errorPath),
});

/** A checkbox's state and change handler, bound to the field's path. */
const checkBinding = (p: Bound<Base>) => ({
  checked: p.form.get(p.path) === true,
  onChange: (e: { currentTarget: { checked: boolean } }) => p.form.set(p.path, e.currentTarget.checked, p.errorPath),
});

export function TextField(props: Base & { maxLength?: number; autoComplete?: string }) {
  const p = useBound(props);
  return <TextInput {...common(p)} maxLength={p.maxLength} autoComplete={p.autoComplete} {...textBinding(p)} />;
}

export function TextAreaField(props: Base & { minRows?: number }) {
  const p = useBound(props);
  return <Textarea {...common(p)} autosize minRows={p.minRows ?? 2} {...textBinding(p)} />;
}

/** A whole number; empty is absent (undefined), so an optional count may stay blank. */
export function NumberField(props: Base & { min?: number; max?: number }) {
  const p = useBound(props);
  const v = p.form.get(p.path);
  return (
    <NumberInput
      {...common(p)}
      min={p.min ?? 0}
      max={p.max}
      allowDecimal={false}
      value={typeof v === 'number' ? v : ''}
      onChange={(x) => p.form.set(p.path, x === '' ? undefined : Number(x), p.errorPath)}
    />
  );
}

/** Fen -> the text in the input ('1234.50'); '' when there is no amount. */
export const yuanText = (fen: unknown): string => (typeof fen === 'number' ? formatYuan(fen).replace(/,/g, '') : '');

/**
 * Money typed in 元 ("1,234.5", "￥80") and kept in the form as integer fen, so the schema checks the fen the core
 * will store. Text that is not an amount is reported at the field (and blocks saving); empty is absent.
 */
export function MoneyField(props: Base & { allowNegative?: boolean }) {
  const p = useBound(props);
  const { form, path } = p;
  const value = form.get(path);
  const [text, setText] = useState(() => yuanText(value));
  // When the form is reset or set from elsewhere, show the new amount (not while the typed text already means it).
  useEffect(() => {
    const typed = text.trim() === '' ? undefined : parseYuan(text, { allowNegative: p.allowNegative });
    const typedFen = typed?.ok ? typed.fen : undefined;
    if (typed && !typed.ok && value === undefined) return;
    if ((value ?? undefined) !== typedFen) setText(yuanText(value));
  }, [value]);
  return (
    <TextInput
      {...common(p)}
      rightSection="元"
      inputMode="decimal"
      value={text}
      onChange={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        if (t.trim() === '') {
          form.setInputError(path, undefined);
          form.set(path, undefined, p.errorPath);
          return;
        }
        const r = parseYuan(t, { allowNegative: p.allowNegative });
        form.setInputError(path, r.ok ? undefined : r.message);
        form.set(path, r.ok ? r.fen : undefined, p.errorPath);
      }}
    />
  );
}

/** A native date input: typed or picked, always 'YYYY-MM-DD'. */
export function DateField(props: Base) {
  const p = useBound(props);
  return <TextInput type="date" {...common(p)} {...textBinding(p)} />;
}

/** A native month input: 'YYYY-MM'. */
export function MonthField(props: Base) {
  const p = useBound(props);
  return <TextInput type="month" {...common(p)} {...textBinding(p)} />;
}

export type Option = ComboboxItem;

/**
 * Choices for a select: written as `{ value: label }` (in that order; values that look like whole numbers would be
 * reordered), or as a list of values (in its order), each named by a table of shared/labels.ts ('visitWay'), by a
 * map of its own, or by itself.
 */
export function choices<K extends string>(m: Record<K, string>): { value: K; label: string }[];
export function choices<V extends string>(
  values: readonly V[],
  names?: LabelKind | Readonly<Record<V, string>>,
): { value: V; label: string }[];
export function choices(
  source: readonly string[] | Record<string, string>,
  names?: LabelKind | Readonly<Record<string, string>>,
): { value: string; label: string }[] {
  if (!Array.isArray(source)) return Object.entries(source).map(([value, label]) => ({ value, label }));
  const name = (v: string) =>
    names === undefined ? v : typeof names === 'string' ? labelOf(names, v) : (names[v] ?? v);
  return source.map((value) => ({ value, label: name(value) }));
}

/** A choice from a list; `clearable` lets the clerk take it back (the value becomes null). */
export function SelectField(props: Base & { data: Option[]; clearable?: boolean; searchable?: boolean }) {
  const p = useBound(props);
  return (
    <Select
      {...common(p, '请选择')}
      data={p.data}
      clearable={p.clearable}
      allowDeselect={p.clearable === true}
      searchable={p.searchable}
      value={(p.form.get(p.path) as string | null | undefined) ?? null}
      onChange={(v) => p.form.set(p.path, v, p.errorPath)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** The browser's own select (short lists; `placeholder` adds an empty first choice, kept as ''). */
export function NativeSelectField(props: Base & { data: Option[] }) {
  const p = useBound(props);
  const data = p.placeholder ? [{ value: '', label: p.placeholder }, ...p.data] : p.data;
  return <NativeSelect {...shown(p, '请选择')} required={p.required} data={data} {...textBinding(p)} />;
}

export function CheckField(props: Base) {
  const p = useBound(props);
  return <Checkbox {...shown(p)} {...checkBinding(p)} />;
}

export function SwitchField(props: Base) {
  const p = useBound(props);
  return <Switch {...shown(p)} {...checkBinding(p)} />;
}

/** Several choices out of a list, kept as an array of values. */
export function CheckGroupField(props: Base & { data: Option[] }) {
  const p = useBound(props);
  const v = p.form.get(p.path);
  return (
    <Checkbox.Group
      label={p.label}
      description={p.description}
      value={Array.isArray(v) ? (v as string[]) : []}
      onChange={(x) => p.form.set(p.path, x, p.errorPath)}
      error={errorOf(p, '请选择')}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginTop: 6 }}>
        {p.data.map((o) => (
          <Checkbox key={o.value} value={o.value} label={o.label} disabled={p.disabled} />
        ))}
      </div>
    </Checkbox.Group>
  );
}

/** What the clerk sees under an ID number as it is typed. */
export function idHint(value: string): { error?: string; info?: string } {
  const v = value.replace(/\s+/g, '');
  if (v === '') return {};
  const r = parseIdNumber(v);
  if (!r.ok) {
    // While typing, say only what is already certain: a wrong character, or a wrong check digit once complete.
    if (v.length < 15 && !/非法字符|X 只能/.test(r.message)) return { info: `已输入 ${v.length} 位` };
    if (v.length > 15 && v.length < 18 && !/非法字符|X 只能/.test(r.message)) return { info: `已输入 ${v.length} 位` };
    return { error: r.message };
  }
  const info = `出生日期 ${r.birthDate}，${labelOf('sex', r.sex)}${r.legacy ? '；旧版15位号码，已接受并标注，可核对后换录18位' : ''}`;
  return { info };
}

/** The message for an ID number that cannot be saved as typed (for a form's `prepare`), or undefined. */
export function idNumberProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const h = idHint(value);
  if (h.error) return h.error;
  if (h.info?.startsWith('已输入')) return `身份证号码应为18位（或旧版15位），${h.info}`;
  return undefined;
}

/**
 * ID number input: the GB 11643 check as the clerk types (check digit, birth date, length), and — with
 * `checkLedger`, once the number is valid — whether the ledger already has the person (one ID number is one person).
 */
export function IdNumberField(
  props: Omit<Base, 'label'> & { label?: string; checkLedger?: boolean; onExisting?: (r: IdCheckResult) => void },
) {
  const p = useBound(props);
  const value = p.form.text(p.path);
  const [debounced] = useDebouncedValue(value, 300);
  const [ledger, setLedger] = useState<IdCheckResult | null>(null);
  const hint = idHint(value);
  const { checkLedger, onExisting } = p;
  useEffect(() => {
    const v = debounced.replace(/\s+/g, '');
    if (!checkLedger || (v.length !== 15 && v.length !== 18) || !parseIdNumber(v).ok) return setLedger(null);
    let live = true;
    call('people.checkId', { idNumber: v }).then(
      (r) => live && setLedger(r),
      () => live && setLedger(null),
    );
    return () => {
      live = false;
    };
  }, [debounced, checkLedger]);
  useEffect(() => {
    if (ledger?.existing && onExisting) onExisting(ledger);
  }, [ledger, onExisting]);
  const label = p.label ?? '身份证号码';
  return (
    <TextInput
      label={label}
      required={p.required}
      disabled={p.disabled}
      placeholder={p.placeholder}
      value={value}
      onChange={(e) => p.form.set(p.path, e.currentTarget.value, p.errorPath)}
      error={
        hint.error ??
        fieldError(p.form, p.errorPath ?? p.path, `请填写${label}`) ??
        (ledger?.existing ? ledger.message : undefined)
      }
      description={hint.error ? undefined : (hint.info ?? p.description)}
      maxLength={30}
      autoComplete="off"
    />
  );
}
