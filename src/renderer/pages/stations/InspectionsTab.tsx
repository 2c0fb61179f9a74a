// 安全检查: inspections, the hazards they found and the closing of each rectification.
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { INSPECTION_KINDS, type FacilityView, type InspectionView } from '../../../shared/api/stations';
import { label } from '../../../shared/labels';
import { useCall } from '../../lib/useCall';
import {
  CallDialog,
  CheckField,
  DateField,
  SelectField,
  TextAreaField,
  TextField,
  DatedDialog,
  choices,
} from '../../lib/form';
import { todayCn } from './format';
import { DataTable } from '../../components/DataTable';

function InspectionForm(props: { f: FacilityView; onClose: () => void; onSaved: () => void }) {
  return (
    <CallDialog
      method="stations.inspections.add"
      title="登记安全检查"
      onClose={props.onClose}
      initial={{
        facilityId: props.f.id,
        inspectedOn: todayCn(),
        kind: null,
        inspectors: '',
        findings: '',
        hazard: false,
        rectifyBy: '',
      }}
      done="检查记录已保存"
      onDone={() => props.onSaved()}
    >
      {(form) => (
        <>
          <DateField path="inspectedOn" label="检查日期" required />
          <SelectField path="kind" label="检查类型" required data={choices(INSPECTION_KINDS)} />
          <TextField path="inspectors" label="检查人员" required />
          <TextAreaField path="findings" label="检查情况" required />
          <CheckField path="hazard" label="发现安全隐患，需要整改" />
          {form.values.hazard === true && <DateField path="rectifyBy" label="整改期限" required />}
          {form.values.hazard !== true && form.error('rectifyBy') && <Text c="red">{form.error('rectifyBy')}</Text>}
        </>
      )}
    </CallDialog>
  );
}

function RectifyForm(props: { i: InspectionView; onClose: () => void; onSaved: () => void }) {
  return (
    <DatedDialog
      method="stations.inspections.close"
      title={`整改完成：${props.i.inspectedOn} ${props.i.kind}`}
      onClose={props.onClose}
      submitLabel="确认整改完成"
      record={props.i}
      date={['rectifiedOn', '整改完成日期']}
      text={['note', '整改及复查情况']}
      done="已登记整改完成"
      onDone={() => props.onSaved()}
    >
      <Text size="sm">
        隐患：{props.i.findings}（整改期限 {props.i.rectifyBy}）
      </Text>
    </DatedDialog>
  );
}

export function InspectionsTab(props: { f: FacilityView; onChange: () => void }) {
  const list = useCall('stations.inspections.list', { facilityId: props.f.id });
  const [adding, setAdding] = useState(false);
  const [closing, setClosing] = useState<InspectionView | null>(null);
  const saved = () => {
    setAdding(false);
    setClosing(null);
    list.reload();
    props.onChange();
  };
  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => setAdding(true)}>登记检查</Button>
      </Group>
      <DataTable
        striped
        head={['检查日期', '类型', '检查人员', '检查情况', '整改', '操作']}
        rows={list.data}
        rowKey={(i) => i.id}
        cells={(i) => [
          i.inspectedOn,
          i.kind,
          i.inspectors,
          i.findings,
          <>
            <Badge
              color={i.status === 'open' ? (i.overdue ? 'red' : 'orange') : i.status === 'closed' ? 'green' : 'gray'}
              variant="light"
            >
              {i.status === 'open' && i.overdue ? '整改逾期' : label('inspectionStatus', i.status)}
            </Badge>{' '}
            {i.status === 'open' && `期限 ${i.rectifyBy ?? ''}`}
            {i.status === 'closed' && `${i.rectifiedOn ?? ''} ${i.rectificationNote ?? ''}`}
          </>,
          i.status === 'open' && (
            <Button size="compact-xs" variant="light" onClick={() => setClosing(i)}>
              整改完成
            </Button>
          ),
        ]}
      />
      {list.data?.length === 0 && <Text c="dimmed">尚无检查记录</Text>}
      {adding && <InspectionForm f={props.f} onClose={() => setAdding(false)} onSaved={saved} />}
      {closing && <RectifyForm i={closing} onClose={() => setClosing(null)} onSaved={saved} />}
    </Stack>
  );
}
