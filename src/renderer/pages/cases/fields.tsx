// Inputs bound to a `useForm` path, so the 社会救助 forms are short lists of labelled fields; and the ID-number input
// that checks the number as it is typed (GB 11643 locally, then the ledger: already registered?).
import { Checkbox, Select, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { IdCheckResult } from '../../../shared/api/cases';
import { parseIdNumber } from '../../../shared/idcard';
import { label } from '../../../shared/labels';
import { call } from '../../api';
import type { Form } from './form';
import { todayCn } from './common';

type F = Form<z.ZodType>;

export function TextField(props: {
  form: F;
  path: string;
  label: string;
  placeholder?: string;
  required?: boolean;
  description?: string;
}) {
  return (
    <TextInput
      label={props.label}
      placeholder={props.placeholder}
      required={props.required}
      description={props.description}
      value={props.form.text(props.path)}
      onChange={(e) => props.form.set(props.path, e.currentTarget.value)}
      error={props.form.error(props.path)}
    />
  );
}

export function NoteField(props: { form: F; path: string; label: string; required?: boolean }) {
  return (
    <Textarea
      label={props.label}
      required={props.required}
      autosize
      minRows={2}
      value={props.form.text(props.path)}
      onChange={(e) => props.form.set(props.path, e.currentTarget.value)}
      error={props.form.error(props.path)}
    />
  );
}

/** A native date (or month) input: typed or picked, always 'YYYY-MM-DD' ('YYYY-MM'). */
export function DateField(props: { form: F; path: string; label: string; month?: boolean; required?: boolean }) {
  return (
    <TextInput
      type={props.month ? 'month' : 'date'}
      label={props.label}
      required={props.required}
      value={props.form.text(props.path)}
      onChange={(e) => props.form.set(props.path, e.currentTarget.value)}
      error={props.form.error(props.path)}
    />
  );
}

/** Money typed in yuan ("1234.5"); the form's `prepare` turns it into fen and reports a bad amount on `errorPath`. */
export function YuanField(props: {
  form: F;
  path: string;
  label: string;
  errorPath?: string;
  required?: boolean;
  description?: string;
}) {
  return (
    <TextInput
      label={props.label}
      required={props.required}
      description={props.description}
      rightSection="元"
      inputMode="decimal"
      value={props.form.text(props.path)}
      onChange={(e) => props.form.set(props.path, e.currentTarget.value)}
      error={props.form.error(props.errorPath ?? props.path)}
    />
  );
}

export function SelectField(props: {
  form: F;
  path: string;
  label: string;
  data: { value: string; label: string }[];
  required?: boolean;
  clearable?: boolean;
  searchable?: boolean;
}) {
  return (
    <Select
      label={props.label}
      data={props.data}
      required={props.required}
      clearable={props.clearable}
      allowDeselect={props.clearable === true}
      searchable={props.searchable}
      value={(props.form.get(props.path) as string | null | undefined) ?? null}
      onChange={(v) => props.form.set(props.path, v)}
      error={props.form.error(props.path)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function CheckField(props: { form: F; path: string; label: string }) {
  return (
    <Checkbox
      label={props.label}
      checked={props.form.get(props.path) === true}
      onChange={(e) => props.form.set(props.path, e.currentTarget.checked)}
      error={props.form.error(props.path)}
    />
  );
}

/** What the clerk sees under an ID number as it is typed. */
export function idHint(value: string): { error?: string; info?: string } {
  const v = value.replace(/\s+/g, '');
  if (v === '') return {};
  const r = parseIdNumber(v, { today: todayCn() });
  if (!r.ok) {
    // While typing, say only what is already certain: a wrong character, or a wrong check digit once complete.
    if (v.length < 15 && !/非法字符|X 只能/.test(r.message)) return { info: `已输入 ${v.length} 位` };
    if (v.length > 15 && v.length < 18 && !/非法字符|X 只能/.test(r.message)) return { info: `已输入 ${v.length} 位` };
    return { error: r.message };
  }
  const info = `出生日期 ${r.birthDate}，${label('sex', r.sex)}${r.legacy ? '；旧版15位号码，已接受并标注，可核对后换录18位' : ''}`;
  return { info };
}

/**
 * ID number input: the GB 11643 check as the clerk types (check digit, birth date, length), and — once the number
 * is valid — whether the ledger already has it (one ID number is one person).
 */
export function IdNumberField(props: {
  form: F;
  path: string;
  label?: string;
  onExisting?: (r: IdCheckResult) => void;
}) {
  const value = props.form.text(props.path);
  const [debounced] = useDebouncedValue(value, 300);
  const [ledger, setLedger] = useState<IdCheckResult | null>(null);
  const hint = idHint(value);
  useEffect(() => {
    const v = debounced.replace(/\s+/g, '');
    if (v.length !== 15 && v.length !== 18) return setLedger(null);
    if (!parseIdNumber(v, { today: todayCn() }).ok) return setLedger(null);
    let live = true;
    call('people.checkId', { idNumber: v }).then(
      (r) => live && setLedger(r),
      () => live && setLedger(null),
    );
    return () => {
      live = false;
    };
  }, [debounced]);
  const { onExisting } = props;
  useEffect(() => {
    if (ledger?.existing && onExisting) onExisting(ledger);
  }, [ledger, onExisting]);
  const formError = props.form.error(props.path);
  const existing = ledger?.existing ? ledger.message : undefined;
  return (
    <TextInput
      label={props.label ?? '身份证号码'}
      value={value}
      onChange={(e) => props.form.set(props.path, e.currentTarget.value)}
      error={hint.error ?? formError ?? existing}
      description={hint.error ? undefined : hint.info}
      maxLength={30}
      autoComplete="off"
    />
  );
}
