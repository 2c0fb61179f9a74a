// 作废 with a reason, for records that are never deleted (licences, ratings, subsidies, visits, service records).
import { Button } from '@mantine/core';
import { useState } from 'react';
import { voidInput } from '../../../shared/api/stations';
import { call } from '../../api';
import { notifyOk } from '../../lib/notify';
import { FormModal, TextAreaField, useForm } from '../../lib/form';

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
  const form = useForm(voidInput, { id: props.id, version: props.version, reason: '' });
  return (
    <FormModal
      title={`作废${props.what}`}
      opened
      onClose={props.onClose}
      form={form}
      submitLabel="作废"
      onSubmit={() =>
        void form.submit(async (input) => {
          await call(props.method, input);
          notifyOk('已作废');
          props.onDone();
        })
      }
    >
      <TextAreaField form={form} path="reason" label="作废原因" required />
    </FormModal>
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
