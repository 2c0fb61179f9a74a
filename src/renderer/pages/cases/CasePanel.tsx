// One case: its facts, covered persons, amounts, the workflow steps with date and who acted, and the buttons for
// what the core says may happen next. A reviewer who entered the case sees why they cannot approve it.
import { Alert, Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { CaseDetail } from '../../../shared/api/cases';
import { label } from '../../../shared/labels';
import { canReview, useSession } from '../../lib/session';
import { useCall } from '../../lib/useCall';
import { CaseActionDialog } from './CaseActions';
import { ACTION_LABELS } from './CaseSteps';
import { catLabel, dueTaskLabel, statusColor, stepDetailText, yuan } from './common';
import { DataTable } from '../../components/DataTable';

const ORDER = [
  'grantAdvance',
  'investigate',
  'preliminary',
  'publicize',
  'objection',
  'endPublicity',
  'approve',
  'reject',
  'completePaperwork',
  'recheck',
  'changeAmount',
  'taper',
  'stop',
  'withdraw',
  'setKin',
];

export function CaseFacts({ c }: { c: CaseDetail }) {
  const facts: [string, string][] = [
    ['类别', `${catLabel(c.category)}${c.singlePerson ? '（单人保）' : ''}`],
    ['城乡', label('area', c.area)],
    ['对象', c.name ?? '—'],
    ['村(社区)', c.villageName],
    ['申请日期', c.appliedOn],
    ['保障人数', String(c.coveredPersons)],
    ['证号', c.caseNo ?? '—'],
    [
      c.category === 'linshi' ? '救助金额' : '月保障金额',
      yuan(c.category === 'linshi' ? c.grantAmountFen : c.monthlyAmountFen),
    ],
    ['发放起止', c.startMonth ? `${c.startMonth} 起${c.stopMonth ? `，${c.stopMonth} 起停发` : ''}` : '—'],
    ['下次复核', c.nextRecheckOn ?? '—'],
    ['录入人', c.createdByName],
  ];
  if (c.supportMode)
    facts.push([
      c.category === 'guer' ? '养育方式' : '供养方式',
      c.category === 'guer'
        ? c.supportMode === 'centralized'
          ? '集中养育'
          : '社会散居'
        : label('supportMode', c.supportMode),
    ]);
  if (c.careGrade) facts.push(['照料护理等级', label('careGrade', c.careGrade)]);
  if (c.linshiType) facts.push(['临时救助类型', label('linshiType', c.linshiType)]);
  if (c.taperUntilMonth) facts.push(['渐退至', c.taperUntilMonth]);
  if (c.stopReason) facts.push(['停止原因', c.stopReason]);
  if (c.kinOfStaff) facts.push(['近亲属备案', c.kinNote ?? '是']);
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" verticalSpacing={4}>
      {facts.map(([k, v]) => (
        <Text size="sm" key={k}>
          <Text span c="dimmed">
            {k}：
          </Text>
          {v}
        </Text>
      ))}
    </SimpleGrid>
  );
}

export function StepsTable({ c }: { c: CaseDetail }) {
  return (
    <Table striped withTableBorder aria-label="办理步骤">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={110}>日期</Table.Th>
          <Table.Th w={150}>步骤</Table.Th>
          <Table.Th w={90}>经办人</Table.Th>
          <Table.Th>情况</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {c.steps.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td>{s.onDate}</Table.Td>
            <Table.Td>{s.label}</Table.Td>
            <Table.Td>{s.actorName}</Table.Td>
            <Table.Td>{stepDetailText(s.detail)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function CasePanel({ caseId, onChanged }: { caseId: string; onChanged?: () => void }) {
  const { user } = useSession();
  const q = useCall('cases.get', { id: caseId });
  const [action, setAction] = useState<string | null>(null);
  const c = q.data;
  if (!c) return q.error ? <Alert color="red">{q.error.message}</Alert> : <Loader size="sm" />;

  const actions = ORDER.filter((a) => c.actions.includes(a));
  // Maker-checker: a reviewer who entered the case is not offered approval by the core; say why, and still let
  // them try so the core's refusal is what they read.
  const makerReviewer =
    c.status === 'reviewing' && canReview(user) && c.createdById === user.id && !c.actions.includes('approve');
  if (makerReviewer)
    actions.splice(actions.indexOf('withdraw') >= 0 ? actions.indexOf('withdraw') : actions.length, 0, 'approve');
  const waitingReviewer = c.status === 'reviewing' && !canReview(user);

  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge color={statusColor[c.status]}>{label('caseStatus', c.status)}</Badge>
        {c.pendingBatchId && (
          <Badge color="orange" variant="outline">
            导入待确认
          </Badge>
        )}
        {c.kinOfStaff && <Badge color="orange">近亲属</Badge>}
        {c.dueTask && c.dueOn && (
          <Text size="sm">
            待办：{dueTaskLabel[c.dueTask]}，期限 {c.dueOn}
          </Text>
        )}
      </Group>
      {c.pendingBatchId && (
        <Alert color="orange" variant="light" p="xs">
          该救助由导入批次带入，审核人在“导入待确认”页面确认该批次前，不计入发放花名册和月报。
        </Alert>
      )}
      <CaseFacts c={c} />
      {c.members.length > 0 && (
        <Text size="sm">
          <Text span c="dimmed">
            保障对象：
          </Text>
          {c.members
            .map((m) => `${m.name}（${m.startMonth} 起${m.stopMonth ? `至 ${m.stopMonth} 前` : ''}）`)
            .join('、')}
        </Text>
      )}
      <StepsTable c={c} />
      {c.amounts.length > 0 && (
        <DataTable
          withTableBorder
          aria-label="金额记录"
          head={['生效月份', '类型', '基本保障金', '施保/护理金', '月金额', '原因']}
          rows={c.amounts}
          rowKey={(a) => a.id}
          cells={(a) => [
            a.effectiveMonth,
            label('amountKind', a.kind),
            yuan(a.baseFen),
            yuan(a.supplementFen),
            yuan(a.amountFen),
            a.reason ?? '',
          ]}
        />
      )}
      {makerReviewer && (
        <Alert color="yellow" title="经办与审核分离">
          本案由您（{c.createdByName}）录入，须由其他审核人审核确认。
        </Alert>
      )}
      {c.warnings.map((w) => (
        <Alert key={w} color="yellow" title="请注意">
          {w}
        </Alert>
      ))}
      {Object.entries(c.notYet)
        .filter(([a]) => actions.includes(a))
        .map(([a, why]) => (
          <Text key={a} size="sm" c="dimmed">
            {ACTION_LABELS[a] ?? a}：{why}
          </Text>
        ))}
      {waitingReviewer && (
        <Text size="sm" c="dimmed">
          已提交审核确认，等待审核人办理。
        </Text>
      )}
      <Group gap="xs">
        {actions.map((a) => (
          <Button
            key={a}
            size="xs"
            variant={a === 'withdraw' || a === 'setKin' || a === 'reject' ? 'default' : 'filled'}
            color={a === 'stop' || a === 'reject' ? 'red' : undefined}
            disabled={Boolean(c.notYet[a])}
            title={c.notYet[a]}
            onClick={() => setAction(a)}
          >
            {ACTION_LABELS[a] ?? a}
          </Button>
        ))}
        <Anchor href={`#/cases/case/${c.id}/form`} size="sm">
          审批表（打印）
        </Anchor>
      </Group>
      {action && (
        <CaseActionDialog
          action={action}
          c={c}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            q.reload();
            onChanged?.();
          }}
        />
      )}
    </Stack>
  );
}

/** The case page (from the worklist): the panel with a link to its household. */
export function CasePage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const q = useCall('cases.get', { id });
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Text fw={700} fz="xl">
          {q.data ? `${q.data.name ?? ''} · ${catLabel(q.data.category)}` : '救助案件'}
        </Text>
        {q.data && <Anchor href={`#/cases/households/${q.data.householdId}`}>查看该户</Anchor>}
      </Group>
      <Card withBorder>
        <CasePanel caseId={id} onChanged={q.reload} />
      </Card>
    </Stack>
  );
}
