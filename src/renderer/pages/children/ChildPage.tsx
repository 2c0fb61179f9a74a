// 一人一档: one child's file — identity, parents, guardian/payee/carer, benefits held in the case ledger, visits.
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ChildView } from '../../../shared/api/children';
import { label, labelOptions } from '../../../shared/labels';
import { today } from '../../../shared/time';
import { CallDialog, CheckField, DateField, SelectField, TextAreaField, TextField, DatedDialog } from '../../lib/form';
import { useCall } from '../../lib/useCall';
import { ChildForm } from './ChildForm';
import { DataTable } from '../../components/DataTable';

function Row(props: { k: string; v: string | null | undefined }) {
  return (
    <Text size="sm">
      <Text span c="dimmed">
        {props.k}：
      </Text>
      {props.v || '—'}
    </Text>
  );
}

/** 姓名（关系） 电话, leaving out what is not recorded. */
const person = (name: string | null, relation: string | null, phone: string | null): string | null =>
  name ? `${name}${relation ? `（${relation}）` : ''}${phone ? ` ${phone}` : ''}` : null;

type Dialog = 'edit' | 'visit' | 'end' | { voidVisit: string; version: number } | null;

export function ChildPage(props: { params: Record<string, string> }) {
  const id = props.params.id ?? '';
  const child = useCall('children.get', { id });
  const [dialog, setDialog] = useState<Dialog>(null);
  const c: ChildView | undefined = child.data;
  if (!c) return <Text c="dimmed">{child.error ? child.error.message : '正在读取…'}</Text>;
  const done = () => {
    setDialog(null);
    child.reload();
  };
  return (
    <Stack>
      <Anchor href="#/children">← 返回儿童名册</Anchor>
      <Group justify="space-between">
        <Title order={2}>
          {c.name}{' '}
          <Text span size="md" c="dimmed">
            {c.idNumberMasked} · {c.age} 岁 · {c.villageName}
          </Text>
        </Title>
        {c.status === 'active' && (
          <Group>
            <Button onClick={() => setDialog('visit')}>登记探访</Button>
            <Button variant="default" onClick={() => setDialog('edit')}>
              修改档案
            </Button>
            <Button variant="default" color="red" onClick={() => setDialog('end')}>
              结束档案
            </Button>
          </Group>
        )}
      </Group>
      {c.status === 'ended' && (
        <Alert color="gray">
          档案已于 {c.endedOn} 结束：{c.endReason}
        </Alert>
      )}
      {c.overdue && <Alert color="red">探访已逾期：应于 {c.nextDueOn} 前探访。</Alert>}
      <SimpleGrid cols={3}>
        <Card withBorder>
          <Title order={5}>基本情况</Title>
          <Group gap={4} my={4}>
            {c.categories.map((k) => (
              <Badge key={k}>{label('childCategory', k)}</Badge>
            ))}
          </Group>
          <Row k="父亲" v={label('parentStatus', c.fatherStatus)} />
          <Row k="母亲" v={label('parentStatus', c.motherStatus)} />
          <Row k="养育方式" v={c.placement ? label('childPlacement', c.placement) : null} />
          <Row k="就读学校" v={c.school} />
          <Row k="健康/残疾" v={c.health} />
          <Row k="住址" v={c.address} />
          <Row k="登记日期" v={c.registeredOn} />
          <Row k="满龄出册" v={`${c.agesOutYear} 年`} />
        </Card>
        <Card withBorder>
          <Title order={5}>监护与领款</Title>
          <Row k="监护人" v={person(c.guardianName, c.guardianRelation, c.guardianPhone)} />
          <Row k="领款人" v={person(c.payeeName, c.payeeRelation, null)} />
          <Row k="领款账号" v={c.payeeAccountMasked} />
          <Row k="受委托照护人" v={person(c.carerName, c.carerRelation, c.carerPhone)} />
          <Row k="书面委托日期" v={c.entrustedOn} />
          <Row k="儿童主任" v={c.director ?? '本村(社区)尚未确定'} />
        </Card>
        <Card withBorder>
          <Title order={5}>享受的保障</Title>
          {c.benefits.length === 0 && <Text size="sm">社会救助台账中没有该儿童的保障记录。</Text>}
          {c.benefits.map((b) => (
            <Text size="sm" key={b.caseId}>
              {label('caseCategory', b.category)} · {label('caseStatus', b.status)}
              {b.amountFen !== null ? ` · 每月 ${(b.amountFen / 100).toFixed(2)} 元` : ''}
            </Text>
          ))}
          {c.householdId && (
            <Anchor size="sm" href={`#/cases/households/${c.householdId}`}>
              查看所在家庭
            </Anchor>
          )}
        </Card>
      </SimpleGrid>
      <Title order={4}>探访记录</Title>
      <Text size="sm" c="dimmed">
        上次探访：{c.lastVisitOn ?? '未探访'}；下次应探访：{c.nextDueOn ?? '—'}
      </Text>
      <DataTable
        withTableBorder
        striped
        head={['日期', '方式', '探访人', '情况', '问题/转介', '']}
        rows={c.visits}
        rowKey={(v) => v.id}
        rowProps={(v) => ({ c: v.voided ? 'dimmed' : undefined })}
        cells={(v) => [
          <>
            {v.visitedOn} {v.voided && <Badge color="gray">已作废</Badge>}
          </>,
          label('childVisitWay', v.way),
          v.visitor,
          v.findings,
          <>
            {[v.problems, v.referral].filter(Boolean).join('；')}
            {v.forcedReport && <Badge color="red">已强制报告</Badge>}
          </>,
          !v.voided && c.status === 'active' && (
            <Button size="xs" variant="subtle" onClick={() => setDialog({ voidVisit: v.id, version: v.version })}>
              作废
            </Button>
          ),
        ]}
      />
      {dialog === 'edit' && <ChildForm child={c} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog === 'visit' && (
        <CallDialog
          method="children.visits.add"
          title={`登记探访：${c.name}`}
          initial={{ childId: c.id, visitedOn: today(), way: 'home', visitor: '', findings: '', forcedReport: false }}
          done="已登记探访"
          onClose={() => setDialog(null)}
          onDone={done}
        >
          <SimpleGrid cols={3}>
            <DateField path="visitedOn" label="探访日期" required />
            <SelectField path="way" label="方式" data={labelOptions('childVisitWay')} required />
            <TextField path="visitor" label="探访人" required />
          </SimpleGrid>
          <TextAreaField path="findings" label="生活、学习、监护情况" required />
          <TextAreaField path="problems" label="发现的问题" />
          <TextAreaField path="referral" label="转介/处置" />
          <CheckField path="forcedReport" label="已向公安机关强制报告（独处、失踪、无人监护、受侵害等）" />
        </CallDialog>
      )}
      {dialog === 'end' && (
        <DatedDialog
          method="children.end"
          title={`结束档案：${c.name}`}
          record={c}
          date={['endedOn', '结束日期']}
          text={['reason', '原因（如：年满 18 周岁、被收养、迁出本镇）']}
          done="档案已结束"
          submitLabel="结束档案"
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog !== null && typeof dialog === 'object' && (
        <CallDialog
          method="children.visits.void"
          title="作废探访记录"
          initial={{ id: dialog.voidVisit, version: dialog.version, reason: '' }}
          done="已作废"
          submitLabel="作废"
          onClose={() => setDialog(null)}
          onDone={done}
        >
          <TextAreaField path="reason" label="作废原因" required />
        </CallDialog>
      )}
    </Stack>
  );
}
