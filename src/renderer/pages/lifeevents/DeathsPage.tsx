// 死亡登记 and 多发追回: recording a death stops what it must at once; overpayments from confirmed rolls are followed
// to recovery (退回/抵扣丧葬费), 无法追回 (reason) or a reviewer's reasoned 核销.
import { Alert, Badge, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import {
  DEATH_SOURCE_LABELS,
  deathSources,
  OVERPAYMENT_STATUS_LABELS,
  RECOVERY_METHOD_LABELS,
  type OverpaymentStatusValue,
  type OverpaymentView,
} from '../../../shared/api/lifeevents';
import { CallDialog, choices, DateField, MoneyField, SelectField, TextAreaField, TextField } from '../../lib/form';
import { canReview, useSession } from '../../lib/session';
import { useOpenFor, type Wiring } from '../../lib/actions';
import { useCall } from '../../lib/useCall';
import { CATEGORY_TEXT, PersonPicker, yuan } from './common';
import { DataTable } from '../../components/DataTable';

function DeathDialog(wiring: Wiring) {
  const [personId, setPersonId] = useState<string | null>(null);
  return (
    <CallDialog
      method="deaths.record"
      title="死亡登记"
      initial={{ source: 'family' }}
      prepare={(v) => ({ ...v, personId: personId ?? '' })}
      done={(r) =>
        [
          r.stoppedCaseIds.length ? `${r.stoppedCaseIds.length} 件救助已自动停发（死亡）` : '',
          r.proposalIds.length ? `${r.proposalIds.length} 件救助的新金额待审核` : '',
          r.overpayments.length
            ? `已发放的 ${r.overpayments.map((o) => o.months.join('、')).join('；')} 多发 ${yuan(r.overpayments.reduce((s, o) => s + o.amountFen, 0))}，已列入待追回`
            : '',
          r.recheckDueOn ? `家庭须在 ${r.recheckDueOn} 前复核` : '',
        ]
          .filter(Boolean)
          .join('；') || '已登记'
      }
      {...wiring}
      submitLabel="登记死亡"
    >
      {(form) => (
        <>
          <PersonPicker label="死者" value={personId} onChange={setPersonId} error={form.error('personId')} />
          <DateField path="diedOn" label="死亡日期" required />
          <SelectField path="source" label="信息来源" data={choices(deathSources, DEATH_SOURCE_LABELS)} required />
          <TextField path="sourceRef" label="来源说明（名单文件、行号、通知文号等）" />
          <TextField path="funeralHandler" label="丧葬办理（机构/村委/亲属）" />
          <MoneyField path="funeralFeeFen" label="丧葬费（元）" />
          <MoneyField path="reliefFen" label="惠民殡葬减免（元）" />
          <TextField path="reliefNote" label="减免说明" />
          <TextField path="lockReason" label="更正原因（涉及已结账月份时填写）" />
        </>
      )}
    </CallDialog>
  );
}

function RecoverDialog({ row, ...wiring }: { row: OverpaymentView } & Wiring) {
  return (
    <CallDialog
      method="overpayments.recover"
      title={`追回登记：${row.personName}`}
      initial={{ method: 'refund', amountFen: row.outstandingFen }}
      prepare={(v) => ({ ...v, id: row.id, version: row.version })}
      done="已登记追回"
      {...wiring}
    >
      <Text size="sm">尚未追回 {yuan(row.outstandingFen)}</Text>
      <DateField path="onDate" label="追回日期" required />
      <MoneyField path="amountFen" label="追回金额（元）" required />
      <SelectField
        path="method"
        label="追回方式"
        data={Object.entries(RECOVERY_METHOD_LABELS).map(([value, label]) => ({ value, label }))}
        required
      />
      <TextAreaField path="note" label="说明" />
    </CallDialog>
  );
}

function CloseDialog({ row, ...wiring }: { row: OverpaymentView } & Wiring) {
  return (
    <CallDialog
      method="overpayments.close"
      title={`无法追回或核销：${row.personName}`}
      initial={{ kind: 'unrecoverable' }}
      prepare={(v) => ({ ...v, id: row.id, version: row.version })}
      done="已处理"
      {...wiring}
    >
      <Text size="sm">尚未追回 {yuan(row.outstandingFen)}</Text>
      <SelectField path="kind" label="处理" data={choices({ unrecoverable: '无法追回', write_off: '核销' })} required />
      <DateField path="onDate" label="日期" required />
      <TextAreaField path="reason" label="原因" required />
    </CallDialog>
  );
}

export function DeathsPage() {
  const deaths = useCall('deaths.list', {});
  const adding = useOpenFor<true>(deaths.reload);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>死亡登记</Title>
        <Button onClick={() => adding.open(true)}>登记死亡</Button>
      </Group>
      <Text size="sm" c="dimmed">
        自死亡次月起停发；唯一保障对象死亡的案件自动停发，其余案件的新金额交审核人确认；已确认花名册多发的金额列入追回。
      </Text>
      {deaths.error && <Alert color="red">{deaths.error.message}</Alert>}
      <DataTable
        striped
        head={['姓名', '身份证号', '死亡日期', '来源', '登记日期', '家庭复核期限', '惠民殡葬减免']}
        rows={deaths.data}
        rowKey={(d) => d.id}
        cells={(d) => [
          d.name,
          d.idMasked,
          d.diedOn,
          <>
            {DEATH_SOURCE_LABELS[d.source]}
            {d.sourceRef && (
              <Text size="xs" c="dimmed">
                {d.sourceRef}
              </Text>
            )}
          </>,
          d.reportedOn,
          d.recheckDueOn ?? '—',
          yuan(d.reliefFen),
        ]}
      />
      {deaths.data?.length === 0 && <Text c="dimmed">没有死亡登记</Text>}
      {adding.item && <DeathDialog {...adding.wiring} />}
    </Stack>
  );
}

export function OverpaymentsPage() {
  const { user } = useSession();
  const [status, setStatus] = useState<OverpaymentStatusValue | 'all'>('pending');
  const list = useCall('overpayments.list', status === 'all' ? {} : { status });
  const recovering = useOpenFor<OverpaymentView>(list.reload);
  const closing = useOpenFor<OverpaymentView>(list.reload);
  return (
    <Stack>
      <Title order={2}>多发追回</Title>
      <SegmentedControl
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        data={[
          ...Object.entries(OVERPAYMENT_STATUS_LABELS).map(([value, label]) => ({ value, label })),
          { value: 'all', label: '全部' },
        ]}
      />
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      <DataTable
        striped
        head={['对象', '类别', '死亡日期', '多发月份', '多发金额', '已追回', '未追回', '状态', '']}
        rows={list.data}
        rowKey={(o) => o.id}
        cells={(o) => [
          o.personName,
          CATEGORY_TEXT[o.category] ?? o.category,
          o.diedOn ?? '—',
          o.months.map((m) => `${m.month}（${yuan(m.overFen)}）`).join('、'),
          yuan(o.amountFen),
          yuan(o.recoveredFen),
          yuan(o.outstandingFen),
          <>
            <Badge color={o.outstandingFen > 0 ? 'orange' : 'green'}>{OVERPAYMENT_STATUS_LABELS[o.status]}</Badge>
            {o.recoveries.map((r, i) => (
              <Text key={i} size="xs" c="dimmed">
                {r.onDate}{' '}
                {r.kind === 'recovery'
                  ? r.method
                    ? RECOVERY_METHOD_LABELS[r.method]
                    : '追回'
                  : r.kind === 'write_off'
                    ? '核销'
                    : '无法追回'}{' '}
                {yuan(r.amountFen)} {r.note ?? ''}（{r.byName}）
              </Text>
            ))}
          </>,
          (o.status === 'pending' || o.status === 'partial') && (
            <Group gap="xs">
              <Button size="xs" onClick={() => recovering.open(o)}>
                追回登记
              </Button>
              {canReview(user) && (
                <Button size="xs" variant="default" onClick={() => closing.open(o)}>
                  无法追回/核销
                </Button>
              )}
            </Group>
          ),
        ]}
      />
      {list.data?.length === 0 && <Text c="dimmed">没有记录</Text>}
      {recovering.item && <RecoverDialog row={recovering.item} {...recovering.wiring} />}
      {closing.item && <CloseDialog row={closing.item} {...closing.wiring} />}
    </Stack>
  );
}
