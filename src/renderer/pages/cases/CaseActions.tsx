// The next-step dialogs of a case (one per workflow action the core offers). Each validates with the contract's own
// schema as the clerk types and shows the core's refusal (e.g. the maker-checker rule) in Chinese.
import type { CaseDetail } from '../../../shared/api/cases';
import { CallDialog } from '../../lib/form';
import { ACTION_LABELS, ref, SPECS, type Spec } from './CaseSteps';

export function CaseActionDialog(props: { action: string; c: CaseDetail; onClose: () => void; onDone: () => void }) {
  const spec = SPECS[props.action];
  if (!spec) return null;
  return <ActionForm {...props} spec={spec} />;
}

function ActionForm({
  action,
  c,
  spec,
  onClose,
  onDone,
}: {
  action: string;
  c: CaseDetail;
  spec: Spec;
  onClose: () => void;
  onDone: () => void;
}) {
  const { prepare } = spec;
  return (
    <CallDialog
      method={spec.method}
      title={`${ACTION_LABELS[action] ?? action}：${c.name ?? ''}`}
      submitLabel={ACTION_LABELS[action] ?? '保存'}
      initial={spec.initial(c)}
      prepare={(v, errors) => (prepare ? prepare(v, c, errors) : { ...v, ...ref(c) })}
      done={spec.done}
      onClose={onClose}
      onDone={onDone}
    >
      {(form) => spec.fields(form, c)}
    </CallDialog>
  );
}
