// 作废 with a reason, for records that are never deleted (licences, ratings, subsidies, visits, service records).
import { Button } from '@mantine/core';
import { useState } from 'react';
import { CallDialog, TextAreaField } from '../../lib/form';

type VoidMethod =
  | 'stations.licences.void'
  | 'stations.ratings.void'
  | 'stations.subsidies.void'
  | 'elderly.visits.void'
  | 'elderly.services.void';

function VoidDialog(props: {
  method: VoidMethod;
  id: string;
  version: number;
  what: string;
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <CallDialog
      method={props.method}
      title={`作废${props.what}`}
      onClose={props.onClose}
      submitLabel="作废"
      initial={{ id: props.id, version: props.version, reason: '' }}
      done="已作废"
      onDone={() => props.onDone()}
    >
      <TextAreaField path="reason" label="作废原因" required />
    </CallDialog>
  );
}

export function VoidButton(props: {
  method: VoidMethod;
  id: string;
  version: number;
  what: string;
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="compact-xs"
        variant="subtle"
        color="red"
        onClick={() => setOpen(true)}
        aria-label={`作废${props.what}`}
      >
        作废
      </Button>
      {open && (
        <VoidDialog
          {...props}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            props.onDone();
          }}
        />
      )}
    </>
  );
}

/** A record's last cell: why it was voided (作废), or the button that voids it. */
export function VoidCell(props: {
  row: { id: string; version: number; voided: boolean; voidReason?: string | null };
  method: VoidMethod;
  what: string;
  onDone: () => void;
}) {
  const { row } = props;
  if (row.voided) return <>已作废：{row.voidReason ?? ''}</>;
  return <VoidButton method={props.method} id={row.id} version={row.version} what={props.what} onDone={props.onDone} />;
}
