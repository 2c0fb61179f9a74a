// The dialog that closes something on one record with a date and a written account: 结束档案, 退出登记, 投诉办结,
// 停止运营, 整改完成 … The date starts at today; both are required; the record's id and version go with them.
import type { ReactNode } from 'react';
import type { MethodName } from '../../../shared/api';
import { today } from '../../../shared/time';
import { DateField, TextAreaField } from './fields';
import { CallDialog, type CallDialogProps } from './FormModal';

export function DatedDialog<M extends MethodName>(
  props: Omit<CallDialogProps<M>, 'initial' | 'prepare' | 'children'> & {
    record: { id: string; version: number };
    /** The date's path in the method's input and its label. */
    date: [path: string, label: string];
    /** The text's path and its label. */
    text: [path: string, label: string];
    /** Shown above the fields (what is being closed). */
    children?: ReactNode;
  },
) {
  const { record, date, text, children, ...dialog } = props;
  return (
    <CallDialog {...dialog} initial={{ id: record.id, version: record.version, [date[0]]: today(), [text[0]]: '' }}>
      {children}
      <DateField path={date[0]} label={date[1]} required />
      <TextAreaField path={text[0]} label={text[1]} required />
    </CallDialog>
  );
}
