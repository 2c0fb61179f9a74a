// Inputs bound to a `useForm` field, so each form on the 养老服务 pages is a short list of labelled fields.
import { Button, Group, Modal, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { numberOrEmpty, type Form } from './form';

type F = Form<z.ZodType>;

export function TextField(props: { form: F; field: string; label: string; placeholder?: string; required?: boolean }) {
  return (
    <TextInput
      label={props.label}
      placeholder={props.placeholder}
      required={props.required}
      value={props.form.text(props.field)}
      onChange={(e) => props.form.set(props.field, e.currentTarget.value)}
      error={props.form.error(props.field)}
    />
  );
}

export function AreaField(props: { form: F; field: string; label: string; required?: boolean }) {
  return (
    <Textarea
      label={props.label}
      required={props.required}
      autosize
      minRows={2}
      value={props.form.text(props.field)}
      onChange={(e) => props.form.set(props.field, e.currentTarget.value)}
      error={props.form.error(props.field)}
    />
  );
}

/** A native date (or month) input: typed or picked, always 'YYYY-MM-DD' ('YYYY-MM'). */
export function DateField(props: { form: F; field: string; label: string; month?: boolean; required?: boolean }) {
  return (
    <TextInput
      type={props.month ? 'month' : 'date'}
      label={props.label}
      required={props.required}
      value={props.form.text(props.field)}
      onChange={(e) => props.form.set(props.field, e.currentTarget.value)}
      error={props.form.error(props.field)}
    />
  );
}

export function NumField(props: { form: F; field: string; label: string; path?: string }) {
  const key = props.path ?? props.field;
  return (
    <NumberInput
      label={props.label}
      min={0}
      allowDecimal={false}
      value={props.form.values[props.field] as number | ''}
      onChange={(v) => props.form.set(props.field, numberOrEmpty(v))}
      error={props.form.error(key)}
    />
  );
}

export function SelectField(props: {
  form: F;
  field: string;
  label: string;
  data: { value: string; label: string }[];
  required?: boolean;
}) {
  return (
    <Select
      label={props.label}
      data={props.data}
      required={props.required}
      allowDeselect={!props.required}
      clearable={!props.required}
      value={(props.form.values[props.field] as string | null) ?? null}
      onChange={(v) => props.form.set(props.field, v)}
      error={props.form.error(props.field)}
    />
  );
}

/** A modal form with 取消 / a submit button. */
export function FormModal(props: {
  title: string;
  opened: boolean;
  onClose: () => void;
  onSubmit: () => void;
  saving: boolean;
  submitLabel?: string;
  size?: string;
  children: ReactNode;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size={props.size ?? 'lg'}>
      <Stack>
        {props.children}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            取消
          </Button>
          <Button loading={props.saving} onClick={props.onSubmit}>
            {props.submitLabel ?? '保存'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
