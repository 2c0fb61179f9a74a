// 投诉: complaints about a facility and how each was settled.
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import {
  complaintAddInput,
  complaintCloseInput,
  COMPLAINT_CHANNELS,
  type ComplaintView,
  type FacilityView,
} from '../../../shared/api/stations';
import { call } from '../../api';
import { notifyOk } from '../../lib/notify';
import { useCall } from '../../lib/useCall';
import { DateField, FormModal, SelectField, TextAreaField, TextField, useForm } from '../../lib/form';
import { todayCn } from './format';

export function ComplaintsTab(props: { f: FacilityView }) {
  const list = useCall('stations.complaints.list', { facilityId: props.f.id });
  const [adding, setAdding] = useState(false);
  const [closing, setClosing] = useState<ComplaintView | null>(null);
  const add = useForm(complaintAddInput, {
    facilityId: props.f.id,
    receivedOn: todayCn(),
    channel: null,
    complainant: '',
    content: '',
  });
  const close = useForm(complaintCloseInput, { id: '', version: 0, handledOn: todayCn(), result: '' });
  const saved = () => {
    setAdding(false);
    setClosing(null);
    list.reload();
  };
  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => setAdding(true)}>登记投诉</Button>
      </Group>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>受理日期</Table.Th>
            <Table.Th>渠道</Table.Th>
            <Table.Th>投诉人</Table.Th>
            <Table.Th>内容</Table.Th>
            <Table.Th>处理</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{c.receivedOn}</Table.Td>
              <Table.Td>{c.channel}</Table.Td>
              <Table.Td>{c.complainant ?? '—'}</Table.Td>
              <Table.Td>{c.content}</Table.Td>
              <Table.Td>
                {c.status === 'closed' ? (
                  `${c.handledOn ?? ''} 办结：${c.result ?? ''}`
                ) : (
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={() => {
                      close.reset({ id: c.id, version: c.version, handledOn: todayCn(), result: '' });
                      setClosing(c);
                    }}
                  >
                    办结
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.length === 0 && <Text c="dimmed">尚无投诉</Text>}
      <FormModal
        title="登记投诉"
        opened={adding}
        onClose={() => setAdding(false)}
        form={add}
        onSubmit={() =>
          void add.submit(async (input) => {
            await call('stations.complaints.add', input);
            notifyOk('投诉已登记');
            saved();
          })
        }
      >
        <DateField form={add} path="receivedOn" label="受理日期" required />
        <SelectField
          form={add}
          path="channel"
          label="渠道"
          required
          data={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: c }))}
        />
        <TextField form={add} path="complainant" label="投诉人（可匿名）" />
        <TextAreaField form={add} path="content" label="投诉内容" required />
      </FormModal>
      <FormModal
        title="投诉办结"
        opened={closing !== null}
        onClose={() => setClosing(null)}
        form={close}
        onSubmit={() =>
          void close.submit(async (input) => {
            await call('stations.complaints.close', input);
            notifyOk('已办结');
            saved();
          })
        }
      >
        <DateField form={close} path="handledOn" label="办结日期" required />
        <TextAreaField form={close} path="result" label="处理结果" required />
      </FormModal>
    </Stack>
  );
}
