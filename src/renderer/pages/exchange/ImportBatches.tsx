// 导入待确认: the import batches waiting for a reviewer other than the importer. Each shows what it holds (households,
// people, cases, the monthly amounts, changes to cases already in the ledger), who imported it and when; a reviewer
// looks through its cases and confirms it (its cases count on the payment roll and in the month's figures from then
// on) or rejects it with a reason (its new cases are withdrawn). docs/IMPORT.md.
import { Alert, Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ImportBatchStatus, ImportBatchView } from '../../../shared/api/batches';
import { label } from '../../../shared/labels';
import { formatYuan } from '../../../shared/money';
import { clockText, monthText } from '../../../shared/time';
import { CallDialog, TextAreaField, TextField } from '../../lib/form';
import { canReview, useSession } from '../../lib/session';
import { useCall } from '../../lib/useCall';

type Filter = ImportBatchStatus | 'all';

const STATUS: Record<ImportBatchStatus, { text: string; color: string }> = {
  pending: { text: '待确认', color: 'orange' },
  confirmed: { text: '已确认', color: 'green' },
  rejected: { text: '已驳回', color: 'gray' },
};

const yuan = (fen: number): string => `${formatYuan(fen)} 元`;

function BatchCases({ batch }: { batch: ImportBatchView }) {
  const [offset, setOffset] = useState(0);
  const q = useCall('exchange.batchCases', { id: batch.id, offset, limit: 100 });
  const rows = q.data?.rows ?? [];
  return (
    <Stack gap="xs">
      <Table striped withTableBorder aria-label={`批次 ${batch.no} 的救助`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>户主/对象</Table.Th>
            <Table.Th>村(社区)</Table.Th>
            <Table.Th>保障类别</Table.Th>
            <Table.Th>人数</Table.Th>
            <Table.Th>享受起始月份</Table.Th>
            <Table.Th>月保障金/救助金额</Table.Th>
            <Table.Th>状态</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.caseId}>
              <Table.Td>
                <Anchor href={`#/cases/households/${c.householdId}`}>{c.name ?? '（无户主）'}</Anchor>
              </Table.Td>
              <Table.Td>{c.villageName}</Table.Td>
              <Table.Td>{label('caseCategory', c.category)}</Table.Td>
              <Table.Td>{c.persons}</Table.Td>
              <Table.Td>{c.startMonth ? monthText(c.startMonth) : ''}</Table.Td>
              <Table.Td>
                {c.category === 'linshi'
                  ? c.grantAmountFen !== null
                    ? `${yuan(c.grantAmountFen)}（一次性）`
                    : ''
                  : c.monthlyAmountFen !== null
                    ? yuan(c.monthlyAmountFen)
                    : '无（不发放现金）'}
              </Table.Td>
              <Table.Td>
                {c.stopMonth ? `停保（${monthText(c.stopMonth)}）` : label('caseStatus', c.status as 'active')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {(q.data?.total ?? 0) > 100 && (
        <Group>
          <Button size="xs" variant="default" disabled={offset === 0} onClick={() => setOffset(offset - 100)}>
            上一页
          </Button>
          <Text size="sm">
            第 {offset + 1}–{Math.min(offset + 100, q.data?.total ?? 0)} 件，共 {q.data?.total} 件
          </Text>
          <Button
            size="xs"
            variant="default"
            disabled={offset + 100 >= (q.data?.total ?? 0)}
            onClick={() => setOffset(offset + 100)}
          >
            下一页
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function what(b: ImportBatchView): string {
  const s = b.summary;
  const parts = [`${s.households} 户、${s.persons} 人、${s.cases} 件救助`];
  if (s.monthlyFen > 0) parts.push(`在保月保障金合计 ${yuan(s.monthlyFen)}`);
  if (s.grantFen > 0) parts.push(`临时救助 ${yuan(s.grantFen)}`);
  if (s.changes > 0) parts.push(`修改台账中已有救助 ${s.changes} 处`);
  return parts.join('，');
}

function Page() {
  const { user } = useSession();
  const reviewer = canReview(user);
  const [filter, setFilter] = useState<Filter>('pending');
  const [open, setOpen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<ImportBatchView | null>(null);
  const [rejecting, setRejecting] = useState<ImportBatchView | null>(null);
  const q = useCall('exchange.batches', { status: filter, limit: 100 });
  const batches = q.data?.rows ?? [];
  return (
    <Stack gap="md">
      <Title order={2}>导入待确认</Title>
      <Text size="sm">
        经办人从 Excel
        导入台账时，新增或修改的救助作为一个“导入批次”，须由导入人以外的审核人确认后，才计入发放花名册和月度报表；驳回的批次中新增的救助全部撤回。管理员向空台账的首次导入（初始导入）直接生效。
      </Text>
      <SegmentedControl
        aria-label="批次状态"
        value={filter}
        onChange={(v) => setFilter(v as Filter)}
        data={[
          { value: 'pending', label: '待确认' },
          { value: 'confirmed', label: '已确认' },
          { value: 'rejected', label: '已驳回' },
          { value: 'all', label: '全部' },
        ]}
        w="fit-content"
      />
      {!q.loading && batches.length === 0 && (
        <Text c="dimmed">{filter === 'pending' ? '没有待确认的导入批次' : '没有导入批次'}</Text>
      )}
      {batches.map((b) => (
        <Stack
          key={b.id}
          gap="xs"
          p="sm"
          style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
          aria-label={`导入批次 ${b.no}`}
          role="group"
        >
          <Group justify="space-between" align="start">
            <Stack gap={2}>
              <Group gap="xs">
                <Text fw={600}>
                  批次 {b.no}《{b.fileName}》
                </Text>
                <Badge color={STATUS[b.status].color}>{STATUS[b.status].text}</Badge>
              </Group>
              <Text size="sm">
                {b.importedByName} 于 {clockText(new Date(b.importedAt))} 导入：{what(b)}
              </Text>
              {b.summary.byCategory.length > 0 && (
                <Text size="sm" c="dimmed">
                  {b.summary.byCategory
                    .map(
                      (c) =>
                        `${label('caseCategory', c.category)} ${c.cases} 件` +
                        (c.monthlyFen > 0 ? `（月 ${yuan(c.monthlyFen)}）` : '') +
                        (c.grantFen > 0 ? `（${yuan(c.grantFen)}）` : ''),
                    )
                    .join('；')}
                  {b.summary.stoppedCases > 0 ? `；其中已停保 ${b.summary.stoppedCases} 件` : ''}
                  {b.summary.fromMonth ? `；最早自${monthText(b.summary.fromMonth)}起` : ''}
                </Text>
              )}
              {b.correctionReason && <Text size="sm">涉及已定稿月份的更正原因：{b.correctionReason}</Text>}
              {b.status !== 'pending' && (
                <Text size="sm">
                  {`${b.decidedByName ?? ''} 于 ${b.decidedAt ? clockText(new Date(b.decidedAt)) : ''} `}
                  {b.status === 'confirmed' ? '确认' : `驳回：${b.decisionReason ?? ''}`}
                </Text>
              )}
            </Stack>
            <Group gap="xs">
              {b.summary.cases > 0 && (
                <Button variant="default" size="xs" onClick={() => setOpen(open === b.id ? null : b.id)}>
                  {open === b.id ? '收起' : '查看救助'}
                </Button>
              )}
              {b.status === 'pending' && reviewer && !b.mine && (
                <>
                  <Button size="xs" onClick={() => setConfirming(b)}>
                    确认
                  </Button>
                  <Button size="xs" color="red" variant="light" onClick={() => setRejecting(b)}>
                    驳回
                  </Button>
                </>
              )}
              {b.status === 'pending' && reviewer && b.mine && (
                <>
                  <Text size="sm" c="dimmed">
                    您导入的批次须由其他审核人确认
                  </Text>
                  <Button size="xs" color="red" variant="light" onClick={() => setRejecting(b)}>
                    驳回
                  </Button>
                </>
              )}
              {b.status === 'pending' && !reviewer && (
                <Text size="sm" c="dimmed">
                  等待审核人确认
                </Text>
              )}
            </Group>
          </Group>
          {open === b.id && <BatchCases batch={b} />}
        </Stack>
      ))}
      {confirming && (
        <CallDialog
          method="exchange.confirmBatch"
          title={`确认导入批次 ${confirming.no}`}
          initial={{ correctionReason: confirming.correctionReason ?? '' }}
          prepare={(v) => ({
            id: confirming.id,
            version: confirming.version,
            ...(typeof v.correctionReason === 'string' && v.correctionReason.trim() !== ''
              ? { correctionReason: v.correctionReason }
              : {}),
          })}
          submitLabel="确认批次"
          done={(out) => `已确认批次 ${out.no}：其中的救助自此计入发放花名册和月报`}
          onClose={() => setConfirming(null)}
          onDone={() => {
            setConfirming(null);
            q.reload();
          }}
        >
          <Alert color="blue">
            《{confirming.fileName}》（{confirming.importedByName} 导入）：{what(confirming)}
            。确认后这些救助计入发放花名册和月度报表。
          </Alert>
          <TextField path="correctionReason" label="更正原因（批次涉及已定稿上报的月份时填写）" />
        </CallDialog>
      )}
      {rejecting && (
        <CallDialog
          method="exchange.rejectBatch"
          title={`驳回导入批次 ${rejecting.no}`}
          initial={{ reason: '' }}
          prepare={(v) => ({ id: rejecting.id, version: rejecting.version, reason: v.reason })}
          submitLabel="驳回批次"
          done={(out) => `已驳回批次 ${out.no}：其中新增的救助已撤回`}
          onClose={() => setRejecting(null)}
          onDone={() => {
            setRejecting(null);
            q.reload();
          }}
        >
          <Alert color="orange">
            驳回后，批次中新增的 {rejecting.summary.cases} 件救助全部撤回（记入操作日志，不删除），对已有救助的
            {rejecting.summary.changes} 处修改不再生效。改正后可重新导入。
          </Alert>
          <TextAreaField path="reason" label="驳回原因" required />
        </CallDialog>
      )}
    </Stack>
  );
}

export const ImportBatchesPage = Page;
