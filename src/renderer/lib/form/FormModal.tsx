// A modal form (the fields, the core's refusal above the buttons, 取消 / the action button), and `CallDialog`: the
// usual dialog that fills in one contract method's input, calls it, says what was done and lets the page refresh.
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Api, MethodName } from '../../../shared/api';
import type { InputOf, OutputOf } from '../../../shared/api/contract';
import { call } from '../../api';
import { notifyOk } from '../notify';
import { FormProvider, type AnyForm } from './context';
import { useForm, type Form, type Prepare, type Values } from './useForm';

export function FormModal(props: {
  title: string;
  opened: boolean;
  onClose: () => void;
  onSubmit: () => void;
  /** The form its fields belong to (they read it from context); gives `saving` and `refusal` (or pass them). */
  form?: AnyForm;
  saving?: boolean;
  refusal?: string | undefined;
  submitLabel?: string;
  size?: string;
  children: ReactNode;
}) {
  const saving = props.saving ?? props.form?.saving;
  const refusal = props.refusal ?? props.form?.refusal;
  const fields = props.form ? <FormProvider form={props.form}>{props.children}</FormProvider> : props.children;
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size={props.size ?? 'lg'} centered>
      <Stack>
        {fields}
        {refusal && (
          <Alert color="red" title="未办理" role="alert">
            {refusal}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            取消
          </Button>
          <Button loading={saving} onClick={props.onSubmit}>
            {props.submitLabel ?? '保存'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export interface CallDialogProps<M extends MethodName> {
  method: M;
  title: string;
  /** The form's starting values. */
  initial: Values;
  /** Values -> the method's input (add ids and versions, leave blanks out); may add messages. Default: as they are. */
  prepare?: Prepare;
  /** What to tell the clerk after the call ('已保存'), or a function of the method's answer; null says nothing. */
  done: string | null | ((output: OutputOf<Api[M]>) => string | null);
  onClose: () => void;
  /** After a successful call: close the dialog and refresh what it changed. */
  onDone: (output: OutputOf<Api[M]>) => void;
  /** Default true; a page that keeps the dialog mounted can open and close it. */
  opened?: boolean;
  submitLabel?: string;
  size?: string;
  children: ReactNode | ((form: Form<InputOf<Api[M]>>) => ReactNode);
}

/** Form + modal + call + notice + refresh, for one contract method. */
export function CallDialog<M extends MethodName>(props: CallDialogProps<M>) {
  const form = useForm(props.method, props.initial, props.prepare) as unknown as Form<InputOf<Api[M]>>;
  return (
    <FormModal
      title={props.title}
      opened={props.opened ?? true}
      onClose={props.onClose}
      form={form}
      submitLabel={props.submitLabel}
      size={props.size}
      onSubmit={() =>
        void form.submit(async (input) => {
          const out = await call(props.method, input);
          const message = typeof props.done === 'function' ? props.done(out) : props.done;
          if (message) notifyOk(message);
          props.onDone(out);
        })
      }
    >
      {typeof props.children === 'function' ? props.children(form) : props.children}
    </FormModal>
  );
}
