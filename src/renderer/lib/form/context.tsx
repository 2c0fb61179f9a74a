// The form a group of fields belongs to. `FormModal` and `CallDialog` provide their form; a page that lays out a form
// of its own wraps its fields in `FormProvider`. Fields read the form from here, so a field is only a path and a label.
import { createContext, useContext, type ReactNode } from 'react';
import type { Form } from './useForm';

// Fields take any form: what they read and write is a path, whatever the method's input type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyForm = Form<any>;

const FormContext = createContext<AnyForm | null>(null);

export function FormProvider(props: { form: AnyForm; children: ReactNode }) {
  return <FormContext.Provider value={props.form}>{props.children}</FormContext.Provider>;
}

/** The form of the enclosing `FormModal`, `CallDialog` or `FormProvider`. */
export function useFormContext(): AnyForm {
  const form = useContext(FormContext);
  if (!form) throw new Error('A form field is rendered outside FormModal, CallDialog or FormProvider');
  return form;
}
