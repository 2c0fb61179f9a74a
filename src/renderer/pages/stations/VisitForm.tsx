// 探访记录 form: date, way, visitor, what was found (生活/安全/赡养), problems and referral.
import { Text } from '@mantine/core';
import { VISIT_WAYS } from '../../../shared/api/stations';
import { useSession } from '../../lib/session';
import { CallDialog, DateField, SelectField, TextAreaField, TextField, choices } from '../../lib/form';
import { todayCn } from './format';

export function VisitForm(props: {
  person: { id: string; name: string; nextDueOn: string | null };
  onClose: () => void;
  onSaved: () => void;
}) {
  const { user } = useSession();
  return (
    <CallDialog
      method="elderly.visits.add"
      title={`登记探访：${props.person.name}`}
      onClose={props.onClose}
      initial={{
        elderlyId: props.person.id,
        visitedOn: todayCn(),
        way: 'home',
        visitor: user.displayName,
        findings: '',
        problems: '',
        referral: '',
      }}
      done={`已登记对${props.person.name}的探访`}
      onDone={() => props.onSaved()}
    >
      {props.person.nextDueOn && (
        <Text size="sm" c="dimmed">
          本次应于 {props.person.nextDueOn} 前探访
        </Text>
      )}
      <DateField path="visitedOn" label="探访日期" required />
      <SelectField path="way" label="探访方式" required data={choices(VISIT_WAYS, 'visitWay')} />
      <TextField path="visitor" label="探访人" required />
      <TextAreaField path="findings" label="生活/安全/赡养情况" required />
      <TextAreaField path="problems" label="发现问题" />
      <TextAreaField path="referral" label="转介/处置" />
    </CallDialog>
  );
}
