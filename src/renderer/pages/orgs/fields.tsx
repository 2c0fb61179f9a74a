// Small form plumbing for the 社会组织 pages: string-valued fields bound by name, errors keyed by the API's field
// names (so a server error lands next to its field), and the conversions to the contract's types.
import { Button, Group, Modal, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { parseYuan } from '../../../shared/money';
import { ApiError } from '../../api';
import { fieldErrorsOf, notifyError, notifyOk } from '../../lib/notify';

export type Values = Record<string, string>;

export interface Fields {
  values: Values;
  errors: Record<string, string>;
  set(name: string, value: string): void;
  setErrors(e: Record<string, string>): void;
}

export function useFields(initial: Values): Fields {
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  return {
    values,
    errors,
    set: (name, value) => setValues((v) => ({ ...v, [name]: value })),
    setErrors,
  };
}

/** '' -> undefined (leave out), otherwise the trimmed text. */
export const optional = (s: string | undefined): string | undefined => (s && s.trim() !== '' ? s.trim() : undefined);

/** A count typed by the clerk; NaN when it is not a whole number (the API then names the field). */
export const toCount = (s: string | undefined): number => (s && /^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN);

/** Yuan text -> fen; sets the field's error and returns null when the text is not an amount. */
export function toFen(f: Fields, name: string, label: string, errors: Record<string, string>): number | null {
  const r = parseYuan(f.values[name] ?? '');
  if (!r.ok) {
    errors[name] = `${label}：${r.message}`;
    return null;
  }
  return r.fen;
}

export function Text_(props: { f: Fields; name: string; label: string; required?: boolean; placeholder?: string }) {
  return (
    <TextInput
      label={props.label}
      required={props.required}
      placeholder={props.placeholder}
      value={props.f.values[props.name] ?? ''}
      onChange={(e) => props.f.set(props.name, e.currentTarget.value)}
      error={props.f.errors[props.name]}
    />
  );
}

export function Area(props: { f: Fields; name: string; label: string; required?: boolean }) {
  return (
    <Textarea
      label={props.label}
      required={props.required}
      autosize
      minRows={2}
      value={props.f.values[props.name] ?? ''}
      onChange={(e) => props.f.set(props.name, e.currentTarget.value)}
      error={props.f.errors[props.name]}
    />
  );
}

/** A native date input: typed or picked, always 'YYYY-MM-DD'. */
export function DateIn(props: { f: Fields; name: string; label: string; required?: boolean }) {
  return (
    <TextInput
      type="date"
      label={props.label}
      required={props.required}
      value={props.f.values[props.name] ?? ''}
      onChange={(e) => props.f.set(props.name, e.currentTarget.value)}
      error={props.f.errors[props.name]}
    />
  );
}

export function Choice(props: {
  f: Fields;
  name: string;
  label: string;
  data: { value: string; label: string }[];
  required?: boolean;
  placeholder?: string;
}) {
  const data = props.placeholder ? [{ value: '', label: props.placeholder }, ...props.data] : props.data;
  return (
    <NativeSelect
      label={props.label}
      required={props.required}
      data={data}
      value={props.f.values[props.name] ?? ''}
      onChange={(e) => props.f.set(props.name, e.currentTarget.value)}
      error={props.f.errors[props.name]}
    />
  );
}

export const YES_NO = [
  { value: 'yes', label: '已建立' },
  { value: 'no', label: '未建立' },
];

/** A modal form: runs `submit`, shows the API's field errors in place, closes on success. */
export function FormModal(props: {
  title: string;
  opened: boolean;
  onClose: () => void;
  f: Fields;
  submit: () => Promise<unknown>;
  onSaved: () => void;
  children: ReactNode;
  saveLabel?: string;
  size?: string;
}) {
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    try {
      await props.submit();
      props.f.setErrors({});
      notifyOk('已保存');
      props.onSaved();
    } catch (e) {
      props.f.setErrors(fieldErrorsOf(e));
      notifyError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size={props.size ?? 'lg'}>
      <Stack>
        {props.children}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            取消
          </Button>
          <Button loading={busy} onClick={() => void save()}>
            {props.saveLabel ?? '保存'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Client-side field errors (amounts), shown exactly like the server's. */
export function fieldError(fields: Record<string, string>): ApiError {
  return new ApiError('BAD_INPUT', Object.values(fields)[0] ?? '输入有误', fields);
}
