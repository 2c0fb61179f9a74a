// The facility page's working tabs: monthly figures, safety inspections with rectifications, rating and subsidies,
// complaints.
import {
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import {
  complaintAddInput,
  complaintCloseInput,
  COMPLAINT_CHANNELS,
  inspectionAddInput,
  inspectionCloseInput,
  INSPECTION_KINDS,
  monthSaveInput,
  ratingAddInput,
  subsidyAddInput,
  SUBSIDY_KINDS,
  type ComplaintView,
  type FacilityMonthView,
  type FacilityView,
  type InspectionView,
  type ServiceItemValue,
} from '../../../shared/api/stations';
import { label } from '../../../shared/labels';
import { formatYuan, parseYuan } from '../../../shared/money';
import { call } from '../../api';
import { notifyOk } from '../../lib/notify';
import { useCall } from '../../lib/useCall';
import { AreaField, DateField, FormModal, NumField, SelectField, TextField } from './fields';
import { numberOrEmpty, todayCn, useForm } from './form';

const CN = ['', '一', '二', '三', '四', '五'];

// ── monthly figures ──

function MonthForm(props: {
  f: FacilityView;
  row: FacilityMonthView | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { f, row } = props;
  const items = f.serviceItems.filter((s) => s !== 'meal');
  const form = useForm(monthSaveInput, {
    facilityId: f.id,
    month: row?.month ?? todayCn().slice(0, 7),
    version: row?.version ?? null,
    mealsServed: row?.mealsServed ?? 0,
    mealsSubsidised: row?.mealsSubsidised ?? 0,
    served: Object.fromEntries(items.map((s) => [s, row?.served[s] ?? 0])),
    bedsOccupied: row?.bedsOccupied ?? 0,
    note: row?.note ?? '',
  });
  const served = form.values.served as Record<string, number | ''>;
  return (
    <FormModal
      title={row ? `修改 ${row.month} 运营数据` : '填报月度运营数据'}
      opened
      onClose={props.onClose}
      saving={form.saving}
      onSubmit={() =>
        void form.submit(async (input) => {
          await call('stations.months.save', input);
          notifyOk('月度数据已保存');
          props.onSaved();
        })
      }
    >
      {row ? <Text>月份：{row.month}</Text> : <DateField form={form} field="month" label="月份" month required />}
      {f.serviceItems.includes('meal') && (
        <SimpleGrid cols={2}>
          <NumField form={form} field="mealsServed" label="助餐人次" />
          <NumField form={form} field="mealsSubsidised" label="其中享受补贴人次" />
        </SimpleGrid>
      )}
      <SimpleGrid cols={3}>
        {items.map((s) => (
          <NumberInput
            key={s}
            label={`${label('serviceItem', s)}服务人数`}
            min={0}
            allowDecimal={false}
            value={served[s] ?? 0}
            onChange={(v) => form.set('served', { ...served, [s]: numberOrEmpty(v) })}
            error={form.error(`served.${s}`)}
          />
        ))}
        <NumField form={form} field="bedsOccupied" label="月末在住人数" />
      </SimpleGrid>
      <TextField form={form} field="note" label="说明" />
    </FormModal>
  );
}

export function MonthsTab(props: { f: FacilityView }) {
  const { f } = props;
  const months = useCall('stations.months.list', { facilityId: f.id });
  const [editing, setEditing] = useState<FacilityMonthView | 'new' | null>(null);
  const items = f.serviceItems.filter((s) => s !== 'meal');
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed">每个设施每月一条；已填报的月份可修改（按版本防止覆盖他人修改）。</Text>
        {f.openedOn !== null && <Button onClick={() => setEditing('new')}>填报月度数据</Button>}
      </Group>
      {f.openedOn === null && <Text c="dimmed">设施尚未开业，开业后填报月度运营数据。</Text>}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>月份</Table.Th>
            <Table.Th>助餐人次</Table.Th>
            <Table.Th>享受补贴</Table.Th>
            {items.map((s) => (
              <Table.Th key={s}>{label('serviceItem', s)}</Table.Th>
            ))}
            <Table.Th>月末在住</Table.Th>
            <Table.Th>操作</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(months.data ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.month}</Table.Td>
              <Table.Td>{m.mealsServed}</Table.Td>
              <Table.Td>{m.mealsSubsidised}</Table.Td>
              {items.map((s) => (
                <Table.Td key={s}>{m.served[s as ServiceItemValue] ?? 0}</Table.Td>
              ))}
              <Table.Td>{m.bedsOccupied}</Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="light" onClick={() => setEditing(m)}>
                  修改
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && (
        <MonthForm
          f={f}
          row={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            months.reload();
          }}
        />
      )}
    </Stack>
  );
}

// ── inspections ──

function InspectionForm(props: { f: FacilityView; onClose: () => void; onSaved: () => void }) {
  const form = useForm(inspectionAddInput, {
    facilityId: props.f.id,
    inspectedOn: todayCn(),
    kind: null,
    inspectors: '',
    findings: '',
    hazard: false,
    rectifyBy: '',
  });
  return (
    <FormModal
      title="登记安全检查"
      opened
      onClose={props.onClose}
      saving={form.saving}
      onSubmit={() =>
        void form.submit(async (input) => {
          await call('stations.inspections.add', input);
          notifyOk('检查记录已保存');
          props.onSaved();
        })
      }
    >
      <DateField form={form} field="inspectedOn" label="检查日期" required />
      <SelectField
        form={form}
        field="kind"
        label="检查类型"
        required
        data={INSPECTION_KINDS.map((k) => ({ value: k, label: k }))}
      />
      <TextField form={form} field="inspectors" label="检查人员" required />
      <AreaField form={form} field="findings" label="检查情况" required />
      <Checkbox
        label="发现安全隐患，需要整改"
        checked={form.values.hazard === true}
        onChange={(e) => form.set('hazard', e.currentTarget.checked)}
      />
      {form.values.hazard === true && <DateField form={form} field="rectifyBy" label="整改期限" required />}
      {form.values.hazard !== true && form.error('rectifyBy') && <Text c="red">{form.error('rectifyBy')}</Text>}
    </FormModal>
  );
}

function RectifyForm(props: { i: InspectionView; onClose: () => void; onSaved: () => void }) {
  const form = useForm(inspectionCloseInput, {
    id: props.i.id,
    version: props.i.version,
    rectifiedOn: todayCn(),
    note: '',
  });
  return (
    <FormModal
      title={`整改完成：${props.i.inspectedOn} ${props.i.kind}`}
      opened
      onClose={props.onClose}
      saving={form.saving}
      submitLabel="确认整改完成"
      onSubmit={() =>
        void form.submit(async (input) => {
          await call('stations.inspections.close', input);
          notifyOk('已登记整改完成');
          props.onSaved();
        })
      }
    >
      <Text size="sm">
        隐患：{props.i.findings}（整改期限 {props.i.rectifyBy}）
      </Text>
      <DateField form={form} field="rectifiedOn" label="整改完成日期" required />
      <AreaField form={form} field="note" label="整改及复查情况" required />
    </FormModal>
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
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>检查日期</Table.Th>
            <Table.Th>类型</Table.Th>
            <Table.Th>检查人员</Table.Th>
            <Table.Th>检查情况</Table.Th>
            <Table.Th>整改</Table.Th>
            <Table.Th>操作</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>{i.inspectedOn}</Table.Td>
              <Table.Td>{i.kind}</Table.Td>
              <Table.Td>{i.inspectors}</Table.Td>
              <Table.Td>{i.findings}</Table.Td>
              <Table.Td>
                <Badge
                  color={
                    i.status === 'open' ? (i.overdue ? 'red' : 'orange') : i.status === 'closed' ? 'green' : 'gray'
                  }
                  variant="light"
                >
                  {i.status === 'open' && i.overdue ? '整改逾期' : label('inspectionStatus', i.status)}
                </Badge>{' '}
                {i.status === 'open' && `期限 ${i.rectifyBy ?? ''}`}
                {i.status === 'closed' && `${i.rectifiedOn ?? ''} ${i.rectificationNote ?? ''}`}
              </Table.Td>
              <Table.Td>
                {i.status === 'open' && (
                  <Button size="compact-xs" variant="light" onClick={() => setClosing(i)}>
                    整改完成
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.length === 0 && <Text c="dimmed">尚无检查记录</Text>}
      {adding && <InspectionForm f={props.f} onClose={() => setAdding(false)} onSaved={saved} />}
      {closing && <RectifyForm i={closing} onClose={() => setClosing(null)} onSaved={saved} />}
    </Stack>
  );
}

// ── rating and subsidies ──

function RatingForm(props: { f: FacilityView; onClose: () => void; onSaved: () => void }) {
  const star = props.f.ratingScheme === 'star';
  const form = useForm(ratingAddInput, {
    facilityId: props.f.id,
    grade: null,
    score: null,
    ratedOn: todayCn(),
    validUntil: '',
    ratedBy: '',
  });
  return (
    <FormModal
      title={star ? '登记星级评定' : '登记等级评定'}
      opened
      onClose={props.onClose}
      saving={form.saving}
      onSubmit={() =>
        void form.submit(async (input) => {
          await call('stations.ratings.add', input);
          notifyOk('评定已登记');
          props.onSaved();
        })
      }
    >
      <Select
        label={star ? '星级' : '等级'}
        required
        data={[1, 2, 3, 4, 5].map((g) => ({ value: String(g), label: star ? `${CN[g]}星级` : `${CN[g]}级` }))}
        allowDeselect={false}
        value={form.values.grade === null ? null : String(form.values.grade)}
        onChange={(v) => form.set('grade', v ? Number(v) : null)}
        error={form.error('grade')}
      />
      <NumberInput
        label="评定得分（可不填）"
        min={0}
        allowDecimal={false}
        value={(form.values.score as number | null) ?? ''}
        onChange={(v) => form.set('score', v === '' ? null : Number(v))}
        error={form.error('score')}
      />
      <DateField form={form} field="ratedOn" label="评定日期" required />
      <DateField form={form} field="validUntil" label="有效期至（不填按设置的年限）" />
      <TextField form={form} field="ratedBy" label="评定机关" required />
    </FormModal>
  );
}

function SubsidyForm(props: { f: FacilityView; onClose: () => void; onSaved: () => void }) {
  const form = useForm(subsidyAddInput, {
    facilityId: props.f.id,
    kind: null,
    amountFen: undefined,
    grantedOn: todayCn(),
    period: '',
    documentNo: '',
  });
  const [amount, setAmount] = useState('');
  const parsed = amount.trim() === '' ? null : parseYuan(amount);
  return (
    <FormModal
      title="登记补贴"
      opened
      onClose={props.onClose}
      saving={form.saving}
      onSubmit={() =>
        void form.submit(async (input) => {
          await call('stations.subsidies.add', input);
          notifyOk('补贴已登记');
          props.onSaved();
        })
      }
    >
      <SelectField
        form={form}
        field="kind"
        label="补贴类型"
        required
        data={SUBSIDY_KINDS.map((k) => ({ value: k, label: label('subsidyKind', k) }))}
      />
      {form.values.kind === 'operating' && (
        <Text size="sm" c="dimmed">
          运营补贴须以拨付日有效的星级/等级评定为依据。
        </Text>
      )}
      <TextInput
        label="金额（元）"
        required
        value={amount}
        onChange={(e) => {
          const text = e.currentTarget.value;
          setAmount(text);
          const r = parseYuan(text);
          form.set('amountFen', r.ok ? r.fen : undefined);
        }}
        error={parsed && !parsed.ok ? parsed.message : form.error('amountFen')}
      />
      <DateField form={form} field="grantedOn" label="拨付日期" required />
      <TextField form={form} field="period" label="所属期间" placeholder="如 2026年第一季度" />
      <TextField form={form} field="documentNo" label="文号" />
    </FormModal>
  );
}

export function RatingTab(props: { f: FacilityView; onChange: () => void }) {
  const { f } = props;
  const [dialog, setDialog] = useState<'rating' | 'subsidy' | null>(null);
  const saved = () => {
    setDialog(null);
    props.onChange();
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={4}>{f.ratingScheme === 'star' ? '星级评定' : '等级评定'}</Title>
        {f.status !== 'closed' && f.openedOn !== null && <Button onClick={() => setDialog('rating')}>登记评定</Button>}
      </Group>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>评定结果</Table.Th>
            <Table.Th>得分</Table.Th>
            <Table.Th>评定日期</Table.Th>
            <Table.Th>有效期至</Table.Th>
            <Table.Th>评定机关</Table.Th>
            <Table.Th>状态</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {f.ratings.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.label}</Table.Td>
              <Table.Td>{r.score ?? '—'}</Table.Td>
              <Table.Td>{r.ratedOn}</Table.Td>
              <Table.Td>{r.validUntil}</Table.Td>
              <Table.Td>{r.ratedBy}</Table.Td>
              <Table.Td>
                {r.voided ? (
                  <Badge color="gray">已作废</Badge>
                ) : r.current ? (
                  <Badge color="green">有效</Badge>
                ) : (
                  <Badge color="orange">不在有效期</Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {f.ratings.length === 0 && <Text c="dimmed">尚无评定记录</Text>}
      <Group justify="space-between">
        <Title order={4}>补贴（累计 {formatYuan(f.subsidyTotalFen)} 元）</Title>
        <Button variant="light" onClick={() => setDialog('subsidy')}>
          登记补贴
        </Button>
      </Group>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>类型</Table.Th>
            <Table.Th>金额（元）</Table.Th>
            <Table.Th>拨付日期</Table.Th>
            <Table.Th>所属期间</Table.Th>
            <Table.Th>依据评定</Table.Th>
            <Table.Th>文号</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {f.subsidies.map((s) => (
            <Table.Tr key={s.id} style={s.voided ? { textDecoration: 'line-through' } : undefined}>
              <Table.Td>{label('subsidyKind', s.kind)}</Table.Td>
              <Table.Td>{formatYuan(s.amountFen)}</Table.Td>
              <Table.Td>{s.grantedOn}</Table.Td>
              <Table.Td>{s.period ?? '—'}</Table.Td>
              <Table.Td>{s.ratingLabel ?? '—'}</Table.Td>
              <Table.Td>{s.documentNo ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {dialog === 'rating' && <RatingForm f={f} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog === 'subsidy' && <SubsidyForm f={f} onClose={() => setDialog(null)} onSaved={saved} />}
    </Stack>
  );
}

// ── complaints ──

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
        saving={add.saving}
        onSubmit={() =>
          void add.submit(async (input) => {
            await call('stations.complaints.add', input);
            notifyOk('投诉已登记');
            saved();
          })
        }
      >
        <DateField form={add} field="receivedOn" label="受理日期" required />
        <SelectField
          form={add}
          field="channel"
          label="渠道"
          required
          data={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: c }))}
        />
        <TextField form={add} field="complainant" label="投诉人（可匿名）" />
        <AreaField form={add} field="content" label="投诉内容" required />
      </FormModal>
      <FormModal
        title="投诉办结"
        opened={closing !== null}
        onClose={() => setClosing(null)}
        saving={close.saving}
        onSubmit={() =>
          void close.submit(async (input) => {
            await call('stations.complaints.close', input);
            notifyOk('已办结');
            saved();
          })
        }
      >
        <DateField form={close} field="handledOn" label="办结日期" required />
        <AreaField form={close} field="result" label="处理结果" required />
      </FormModal>
    </Stack>
  );
}
