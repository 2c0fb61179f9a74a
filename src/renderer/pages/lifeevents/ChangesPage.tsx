// 成员变动: a member joins or leaves a paying case (from the month after the event); the amount it proposes waits for
// a reviewer, who confirms it as a dated adjustment or rejects it with a reason.
import { Alert, Badge, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import {
  MEMBER_EVENT_LABELS,
  memberAddEvents,
  memberRemoveEvents,
  type MemberChangeView,
} from '../../../shared/api/lifeevents';
import { CallDialog, choices, DateField, MoneyField, SelectField, TextAreaField, TextField } from '../../lib/form';
import { canReview, useSession } from '../../lib/session';
import { useOpenFor, type Wiring } from '../../lib/actions';
import { useCall } from '../../lib/useCall';
import { CasePicker, CATEGORY_TEXT, DecisionField, yuan } from './common';
import { DataTable } from '../../components/DataTable';

const STATUS = { proposed: '待审核', confirmed: '已确认', rejected: '未同意' } as const;

function ChangeDialog(wiring: Wiring) {
  const [caseId, setCaseId] = useState<string | null>(null);
  const kase = useCall('cases.get', { id: caseId ?? '' }, { skip: !caseId });
  const hh = useCall('households.get', { id: kase.data?.householdId ?? '' }, { skip: !kase.data });
  const members = (hh.data?.members ?? []).map((m) => ({ value: m.personId, label: `${m.name}（${m.relation}）` }));
  return (
    <CallDialog
      method="members.change"
      title="登记成员变动"
      initial={{ kind: 'add', event: 'birth' }}
      prepare={(v) => ({ ...v, caseId: caseId ?? '' })}
      done={(r) =>
        `已登记：自 ${r.effectiveMonth} 起保障 ${r.personsAfter} 人，测算金额 ${yuan(r.proposedFen)}，待审核人确认`
      }
      {...wiring}
      submitLabel="登记"
    >
      {(form) => {
        const kind = form.get('kind') === 'remove' ? 'remove' : 'add';
        const events = (kind === 'add' ? memberAddEvents : memberRemoveEvents).filter((e) => e !== 'death');
        return (
          <>
            <CasePicker value={caseId} onChange={setCaseId} error={form.error('caseId')} />
            <SelectField
              path="kind"
              label="增加或减少"
              data={choices({ add: '增加保障成员', remove: '减少保障成员' })}
              required
            />
            <SelectField path="personId" label="成员（先在户页面添加新成员）" data={members} required />
            <SelectField
              path="event"
              label="事由（死亡请用“死亡登记”）"
              data={choices(events, MEMBER_EVENT_LABELS)}
              required
            />
            <DateField path="eventOn" label="事件日期" required />
            <TextAreaField path="note" label="说明" />
            <TextField path="lockReason" label="更正原因（涉及已确认花名册的月份时填写）" />
          </>
        );
      }}
    </CallDialog>
  );
}

function DecideDialog({ row, ...wiring }: { row: MemberChangeView } & Wiring) {
  return (
    <CallDialog
      method="members.decide"
      title={`审核成员变动：${row.personName}（${MEMBER_EVENT_LABELS[row.event]}）`}
      initial={{ decision: 'confirm', amountFen: row.proposedFen }}
      prepare={(v) => ({ ...v, id: row.id, version: row.version })}
      done="已处理"
      {...wiring}
    >
      <Text size="sm">
        自 {row.effectiveMonth} 起保障人数 {row.personsBefore} → {row.personsAfter}；现金额 {yuan(row.amountBeforeFen)}
        ， 按标准测算 {yuan(row.proposedFen)}。
      </Text>
      {row.explain && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
          {row.explain}
        </Text>
      )}
      <DecisionField label="审核意见" yes={['confirm', '确认调整金额']} no={['reject', '不同意调整']} />
      <MoneyField path="amountFen" label="调整后每月金额（元，不高于测算金额）" />
      <TextAreaField path="note" label="意见或原因" />
      <TextField path="lockReason" label="更正原因（涉及已确认花名册的月份时填写）" />
    </CallDialog>
  );
}

export function ChangesPage() {
  const { user } = useSession();
  const [status, setStatus] = useState<'proposed' | 'confirmed' | 'rejected'>('proposed');
  const list = useCall('members.changes', { status });
  const adding = useOpenFor<true>(list.reload);
  const deciding = useOpenFor<MemberChangeView>(list.reload);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>成员变动</Title>
        <Button onClick={() => adding.open(true)}>登记成员变动</Button>
      </Group>
      <Text size="sm" c="dimmed">
        出生、结婚迁入、迁出、分户、服刑等自事件次月起增减保障人数；金额须审核人确认后才调整。
      </Text>
      <SegmentedControl
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        data={Object.entries(STATUS).map(([value, label]) => ({ value, label }))}
      />
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      <DataTable
        striped
        head={['户主', '类别', '成员', '事由', '生效月份', '保障人数', '现金额 → 测算', '状态', '']}
        rows={list.data}
        rowKey={(r) => r.id}
        cells={(r) => [
          r.headName,
          CATEGORY_TEXT[r.category] ?? r.category,
          <>
            {r.personName}
            {r.lateReport && (
              <Badge color="orange" ml="xs">
                超过3个月才报告
              </Badge>
            )}
          </>,
          <>
            {r.kind === 'add' ? '增加' : '减少'}：{MEMBER_EVENT_LABELS[r.event]}（{r.eventOn}）
          </>,
          r.effectiveMonth,
          <>
            {r.personsBefore} → {r.personsAfter}
          </>,
          <>
            {yuan(r.amountBeforeFen)} → {yuan(r.decidedFen ?? r.proposedFen)}
          </>,
          <>
            {STATUS[r.status]}
            {r.decidedByName && (
              <Text size="xs" c="dimmed">
                {r.decidedByName} {r.decidedOn} {r.decisionNote ?? ''}
              </Text>
            )}
          </>,
          r.status === 'proposed' && canReview(user) && (
            <Button size="xs" onClick={() => deciding.open(r)}>
              审核
            </Button>
          ),
        ]}
      />
      {list.data?.length === 0 && <Text c="dimmed">没有记录</Text>}
      {adding.item && <ChangeDialog {...adding.wiring} />}
      {deciding.item && <DecideDialog row={deciding.item} {...deciding.wiring} />}
    </Stack>
  );
}
