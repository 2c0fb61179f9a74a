// 投诉: complaints about a facility and how each was settled.
import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { COMPLAINT_CHANNELS, type ComplaintView, type FacilityView } from '../../../shared/api/stations';
import { useCall } from '../../lib/useCall';
import { CallDialog, DateField, SelectField, TextAreaField, TextField, DatedDialog, choices } from '../../lib/form';
import { todayCn } from './format';
import { DataTable } from '../../components/DataTable';

export function ComplaintsTab(props: { f: FacilityView }) {
  const list = useCall('stations.complaints.list', { facilityId: props.f.id });
  const [adding, setAdding] = useState(false);
  const [closing, setClosing] = useState<ComplaintView | null>(null);
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
      <DataTable
        striped
        head={['受理日期', '渠道', '投诉人', '内容', '处理']}
        rows={list.data}
        rowKey={(c) => c.id}
        cells={(c) => [
          c.receivedOn,
          c.channel,
          c.complainant ?? '—',
          c.content,
          c.status === 'closed' ? (
            `${c.handledOn ?? ''} 办结：${c.result ?? ''}`
          ) : (
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => {
                setClosing(c);
              }}
            >
              办结
            </Button>
          ),
        ]}
      />
      {list.data?.length === 0 && <Text c="dimmed">尚无投诉</Text>}
      {adding && (
        <CallDialog
          method="stations.complaints.add"
          title="登记投诉"
          initial={{ facilityId: props.f.id, receivedOn: todayCn(), channel: null, complainant: '', content: '' }}
          done="投诉已登记"
          onClose={() => setAdding(false)}
          onDone={saved}
        >
          <DateField path="receivedOn" label="受理日期" required />
          <SelectField path="channel" label="渠道" required data={choices(COMPLAINT_CHANNELS)} />
          <TextField path="complainant" label="投诉人（可匿名）" />
          <TextAreaField path="content" label="投诉内容" required />
        </CallDialog>
      )}
      {closing && (
        <DatedDialog
          method="stations.complaints.close"
          title="投诉办结"
          record={closing}
          date={['handledOn', '办结日期']}
          text={['result', '处理结果']}
          done="已办结"
          onClose={() => setClosing(null)}
          onDone={saved}
        />
      )}
    </Stack>
  );
}
