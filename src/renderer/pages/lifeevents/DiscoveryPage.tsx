// 主动发现 (leads by rule, accepted or dismissed with a reason) and 低收入人口动态监测 (the monitoring list).
import { Alert, Badge, Button, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import {
  MONITORING_GROUP_LABELS,
  MONITORING_PATH_LABELS,
  monitoringGroups,
  monitoringPaths,
  type LeadView,
  type MonitoringEntryView,
} from '../../../shared/api/discovery';
import type { HouseholdRow } from '../../../shared/api/cases';
import { labelOptions } from '../../../shared/labels';
import { call } from '../../api';
import { CallDialog, choices, DateField, NumberField, SelectField, TextAreaField, TextField } from '../../lib/form';
import { notifyOk } from '../../lib/notify';
import { DecisionField } from './common';
import { thisMonthCn } from './time';
import { useBusy, useOpenFor, type Wiring } from '../../lib/actions';
import { useCall } from '../../lib/useCall';
import { DataTable } from '../../components/DataTable';

const FACT_LABELS: Record<string, string> = {
  name: '姓名',
  disabilityGrade: '残疾等级',
  householdCases: '家庭在保类别',
  birthDate: '出生日期',
  parents: '父母情况',
  head: '户主',
  cases: '停保情况',
  careGrade: '照料等级',
};
const factText = (f: Record<string, unknown>) =>
  Object.entries(f)
    .map(([k, v]) => `${FACT_LABELS[k] ?? k}：${Array.isArray(v) ? v.join('、') : String(v ?? '—')}`)
    .join('；');

function DecideDialog({ lead, ...wiring }: { lead: LeadView } & Wiring) {
  return (
    <CallDialog
      method="discovery.decide"
      title={`处理线索：${lead.personName ?? lead.headName ?? ''}`}
      initial={{ decision: 'accept', ...(lead.rule === 'orphan_unprotected' ? { category: 'guer' } : {}) }}
      prepare={(v) => ({ ...v, id: lead.id, version: lead.version })}
      done={(r) =>
        r.status === 'dismissed'
          ? '已排除'
          : r.outcomeRef?.kind === 'case'
            ? '已受理：已生成救助申请，请到救助案件中办理'
            : r.outcomeRef?.kind === 'elderly'
              ? '已登记为特殊困难老年人'
              : r.outcomeRef?.kind === 'monitoring'
                ? '已纳入动态监测'
                : '已受理：请尽快完成生活自理能力评估'
      }
      {...wiring}
    >
      <Text size="sm">{lead.ruleText}</Text>
      <Text size="xs" c="dimmed">
        {factText(lead.facts)}
      </Text>
      <DecisionField label="处理" yes={['accept', '受理（发起申请/登记/纳入监测）']} no={['dismiss', '排除']} />
      {lead.rule === 'orphan_unprotected' && (
        <SelectField path="category" label="申请类别" data={choices(['guer', 'wurenfuyang'], 'caseCategory')} />
      )}
      {lead.rule === 'elderly_alone_unregistered' && (
        <SelectField path="riskLevel" label="风险等级" data={labelOptions('riskLevel')} />
      )}
      <TextAreaField path="reason" label="原因或说明" />
    </CallDialog>
  );
}

export function LeadsPage() {
  const [status, setStatus] = useState<'open' | 'accepted' | 'dismissed'>('open');
  const leads = useCall('discovery.leads', { status });
  const [busy, act] = useBusy();
  const deciding = useOpenFor<LeadView>(leads.reload);
  const run = () =>
    act(async () => {
      const r = await call('discovery.run', {});
      notifyOk(`规则找到 ${r.found} 条，新增线索 ${r.added} 条`);
      leads.reload();
    });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>主动发现</Title>
        <Button onClick={() => void run()} loading={busy}>
          立即运行规则
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        每天自动运行一次（规则说明见 docs/LIFE-EVENTS.md）；同一对象在同一规则下只提示一次。
      </Text>
      <SegmentedControl
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        data={choices({ open: '待处理', accepted: '已受理', dismissed: '已排除' })}
      />
      {leads.error && <Alert color="red">{leads.error.message}</Alert>}
      <DataTable
        striped
        head={['发现日期', '规则', '对象', '村(社区)', '情况', '']}
        rows={leads.data}
        rowKey={(l) => l.id}
        cells={(l) => [
          l.foundOn,
          l.ruleText,
          l.personName ?? l.headName,
          l.villageName,
          <>
            <Text size="xs">{factText(l.facts)}</Text>
            {l.reason && (
              <Text size="xs" c="dimmed">
                {l.decidedByName} {l.decidedOn}：{l.reason}
              </Text>
            )}
          </>,
          l.status === 'open' && (
            <Button size="xs" onClick={() => deciding.open(l)}>
              处理
            </Button>
          ),
        ]}
      />
      {leads.data?.length === 0 && <Text c="dimmed">没有线索</Text>}
      {deciding.item && <DecideDialog lead={deciding.item} {...deciding.wiring} />}
    </Stack>
  );
}

function RecordDialog({ entry, ...wiring }: { entry: MonitoringEntryView } & Wiring) {
  return (
    <CallDialog
      method="monitoring.record"
      title={`监测记录：${entry.headName ?? ''}`}
      initial={{ kind: 'visit' }}
      prepare={(v) => ({ ...v, id: entry.id, version: entry.version })}
      done="已记录"
      {...wiring}
    >
      {(form) => (
        <>
          <SelectField
            path="kind"
            label="类型"
            data={choices({ visit: '走访', review: '定期复核（下次复核日期顺延一个周期）', warning: '预警处置' })}
            required
          />
          <DateField path="onDate" label="日期" required />
          {form.get('kind') === 'warning' && (
            <>
              <TextField path="signal" label="预警信号" />
              <SelectField path="path" label="处置路径" data={choices(monitoringPaths, MONITORING_PATH_LABELS)} />
            </>
          )}
          <TextAreaField path="detail" label="情况" required />
          <TextField path="result" label="结果" />
        </>
      )}
    </CallDialog>
  );
}

function AddDialog(wiring: Wiring) {
  const [q, setQ] = useState('');
  const found = useCall('households.list', { q, offset: 0, limit: 20 }, { skip: q.trim().length < 1 });
  return (
    <CallDialog
      method="monitoring.add"
      title="纳入动态监测"
      initial={{ group: 'bianyuan' }}
      done="已纳入监测"
      {...wiring}
    >
      <TextInput
        label="查找户（户主姓名、身份证号后几位或拼音首字母）"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      <SelectField
        path="householdId"
        label="户"
        data={(found.data?.rows ?? []).map((h: HouseholdRow) => ({
          value: h.id,
          label: `${h.headName ?? ''}（${h.villageName}）`,
        }))}
        required
      />
      <SelectField path="group" label="监测类别" data={choices(monitoringGroups, MONITORING_GROUP_LABELS)} required />
      <NumberField path="cycleMonths" label="复核周期（月，不填按类别默认）" min={1} max={12} />
      <DateField path="startedOn" label="纳入日期" required />
      <TextField path="sourceRef" label="来源说明" />
    </CallDialog>
  );
}

export function MonitoringPage() {
  const list = useCall('monitoring.list', { status: 'active', offset: 0, limit: 200 });
  const counts = useCall('monitoring.counts', { month: thisMonthCn() });
  const reload = () => (list.reload(), counts.reload());
  const adding = useOpenFor<true>(reload);
  const recording = useOpenFor<MonitoringEntryView>(reload);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>低收入人口动态监测</Title>
        <Button onClick={() => adding.open(true)}>纳入监测</Button>
      </Group>
      {counts.data && (
        <Text size="sm">
          监测中 {counts.data.active} 户（
          {monitoringGroups.map((g) => `${MONITORING_GROUP_LABELS[g]} ${counts.data!.byGroup[g]}`).join('，')}
          ）；复核逾期 {counts.data.reviewsOverdue} 户；有预警信号 {counts.data.withSignals} 户；本月走访{' '}
          {counts.data.visitsInMonth} 次
        </Text>
      )}
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      <DataTable
        striped
        head={['户主', '村(社区)', '类别', '纳入日期', '下次复核', '预警信号', '最近记录', '']}
        rows={list.data?.rows}
        rowKey={(e) => e.id}
        cells={(e) => [
          e.headName,
          e.villageName,
          MONITORING_GROUP_LABELS[e.group],
          e.startedOn,
          <>
            {e.nextReviewOn}
            {e.reviewOverdue && (
              <Badge color="red" ml="xs">
                逾期
              </Badge>
            )}
          </>,
          e.signals.map((s, i) => (
            <Text key={i} size="xs" c="red">
              {s.on} {s.text}
            </Text>
          )),
          e.events.slice(-2).map((x, i) => (
            <Text key={i} size="xs">
              {x.onDate} {x.kind === 'visit' ? '走访' : x.kind === 'review' ? '复核' : '预警'}：{x.detail}
            </Text>
          )),
          <Button size="xs" onClick={() => recording.open(e)}>
            记录
          </Button>,
        ]}
      />
      {list.data?.rows.length === 0 && <Text c="dimmed">没有监测对象</Text>}
      {adding.item && <AddDialog {...adding.wiring} />}
      {recording.item && <RecordDialog entry={recording.item} {...recording.wiring} />}
    </Stack>
  );
}
