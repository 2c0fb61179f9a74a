// The renderer's one form kit: a form driven by a contract method's input schema, the fields bound to it, the modal
// and the call dialog. Pages import from here and keep no form plumbing of their own.
export { useForm, schemaOf, type Form, type Prepare, type Values, type Errors } from './useForm';
export {
  CheckField,
  CheckGroupField,
  choices,
  DateField,
  fieldError,
  IdNumberField,
  idHint,
  idNumberProblem,
  MoneyField,
  MonthField,
  NativeSelectField,
  NumberField,
  SelectField,
  SwitchField,
  TextAreaField,
  TextField,
  yuanText,
  type Option,
} from './fields';
export { FormProvider, useFormContext, type AnyForm } from './context';
export { CallDialog, FormModal, type CallDialogProps } from './FormModal';
export { DatedDialog } from './DatedDialog';
export { dropBlank, getIn, setIn, textsOf } from './paths';
