// 发放花名册: a month's payment roll — generate (or rebuild a draft), the differences from last month, the lines
// page by page, confirmation by a reviewer other than the generator, the bank file (CSV) and the printable roll.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { RollDiffRow } from '../../../shared/api/cases';
import { label } from '../../../shared/labels';
import { call } from '../../api';
import { notifyError, notifyOk } from '../../lib/notify';
import { navigate } from '../../lib/router';
import { canReview, useSession } from '../../lib/session';
import { useCall } from '../../lib/useCall';
import { Pager, useListing } from '../../lib/listing';
import { catLabel, ROLL_DIFF_SOURCE, thisMonthCn, useVillages, yuan } from './common';
import { DataTable } from '../../components/DataTable';
import { ConfirmRollDialog } from './RollConfirm';

const PAGE = 50;
const MONO = { style: { fontFamily: 'monospace' } };

/** Saves text as a file from the browser (the bank CSV arrives as text from the API). */
export function downloadText(fileName: string, content: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function DiffTable({ title, rows, color }: { title: string; rows: RollDiffRow[]; color: string }) {
  return (
    <Card withBorder>
      <Group gap="xs" mb="xs">
        <Text fw={600}>{title}</Text>
        <Badge color={color}>{rows.length}</Badge>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          无
        </Text>
      ) : (
        <Table aria-label={title}>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.caseId}>
                <Table.Td>
                  <Anchor href={`#/cases/case/${r.caseId}`} size="sm">
                    {r.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.villageName}</Table.Td>
                <Table.Td>{catLabel(r.category)}</Table.Td>
                <Table.Td>
                  {r.previousFen !== null && r.currentFen !== null
                    ? `${yuan(r.previousFen)} → ${yuan(r.currentFen)}`
                    : yuan(r.currentFen ?? r.previousFen)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function RollLines({ month, stamp }: { month: string; stamp: string }) {
  const { options: villages } = useVillages();
  const listing = useListing({ villageId: null as string | null }, PAGE);
  const q = useCall('rolls.lines', { month, villageId: listing.filters.villageId ?? undefined, ...listing.paging });
  const { reload } = q;
  useEffect(() => reload(), [stamp, reload]);
  const total = q.data?.total ?? 0;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600}>明细（共 {total} 条）</Text>
        <Select
          placeholder="全部村(社区)"
          data={villages}
          {...listing.select('villageId')}
          clearable
          searchable
          w={220}
        />
      </Group>
      <DataTable
        striped
        withTableBorder
        aria-label="花名册明细"
        head={['序号', '村(社区)', '领款人', '身份证号', '类别', '人数', '金额', '账号']}
        rows={q.data?.rows}
        rowKey={(l) => l.caseId}
        columnProps={[undefined, undefined, undefined, MONO, undefined, undefined, undefined, MONO]}
        cells={(l, i) => [
          listing.paging.offset + i + 1,
          l.villageName,
          l.payeeName,
          l.idNumberMasked ?? '—',
          <>
            {catLabel(l.category)}（{label('area', l.area)}）
          </>,
          l.persons,
          yuan(l.amountFen),
          l.bankAccountMasked ?? '—',
        ]}
      />
      <Pager listing={listing} total={total} />
    </Stack>
  );
}

export function RollPage({ params }: { params: Record<string, string> }) {
  const { user } = useSession();
  const month = params.month ?? thisMonthCn();
  const q = useCall('rolls.get', { month });
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  // One month on the page: a refusal or a roll of the month just left is not shown under this one.
  const [refusalMonth, setRefusalMonth] = useState(month);
  if (refusalMonth !== month) {
    setRefusalMonth(month);
    setRefusal(undefined);
  }
  const roll = q.data?.month === month ? q.data : undefined;
  const notGenerated = q.error?.code === 'NOT_FOUND';

  async function run(fn: () => Promise<void>) {
    setBusy(true);
    setRefusal(undefined);
    try {
      await fn();
    } catch (e) {
      setRefusal(e instanceof Error ? e.message : String(e));
      notifyError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack maw={1300}>
      <Group justify="space-between">
        <Title order={2}>发放花名册</Title>
        <Group align="flex-end">
          <TextInput
            type="month"
            label="月份"
            value={month}
            onChange={(e) => e.currentTarget.value && navigate(`/cases/rolls/${e.currentTarget.value}`)}
          />
        </Group>
      </Group>
      {q.error && !notGenerated && <Alert color="red">{q.error.message}</Alert>}
      {notGenerated && <Alert color="gray">{month} 的花名册尚未生成。</Alert>}
      {refusal && (
        <Alert color="red" title="未办理" role="alert" withCloseButton onClose={() => setRefusal(undefined)}>
          {refusal}
        </Alert>
      )}
      <Group>
        {(notGenerated || roll?.status === 'draft') && (
          <Button
            loading={busy}
            onClick={() =>
              void run(async () => {
                const r = await call('rolls.generate', { month });
                notifyOk(`已生成 ${month} 花名册：${r.lineCount} 条，合计 ${yuan(r.totalFen)}`);
                q.reload();
              })
            }
          >
            {notGenerated ? '生成花名册' : '重新生成'}
          </Button>
        )}
        {roll?.status === 'draft' && canReview(user) && (
          <Button color="green" loading={busy} onClick={() => setConfirming(true)}>
            审核确认…
          </Button>
        )}
        {confirming && (
          <ConfirmRollDialog
            month={month}
            onClose={() => setConfirming(false)}
            onConfirmed={() => {
              setConfirming(false);
              q.reload();
            }}
          />
        )}
        {roll?.status === 'confirmed' && canReview(user) && (
          <Button
            variant="light"
            loading={busy}
            onClick={() =>
              void run(async () => {
                const r = await call('rolls.exportBank', { month });
                downloadText(r.fileName, r.content);
                notifyOk(`已导出 ${r.lines} 条，合计 ${yuan(r.totalFen)}`);
              })
            }
          >
            导出银行代发文件
          </Button>
        )}
        {roll && (
          <Button variant="default" onClick={() => navigate(`/cases/rolls/${month}/print`)}>
            打印花名册
          </Button>
        )}
      </Group>
      {roll && (
        <>
          <Card withBorder>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              <Text>
                状态：
                <Badge color={roll.status === 'confirmed' ? 'green' : 'yellow'}>
                  {roll.status === 'confirmed' ? '已确认（锁定）' : '草稿'}
                </Badge>
              </Text>
              <Text>条数：{roll.lineCount}</Text>
              <Text fw={700}>合计：{yuan(roll.totalFen)}</Text>
              <Text size="sm">
                生成：{roll.generatedByName} {roll.generatedAt.slice(0, 16).replace('T', ' ')}
              </Text>
              {roll.confirmedByName && (
                <Text size="sm">
                  确认：{roll.confirmedByName} {roll.confirmedAt?.slice(0, 16).replace('T', ' ')}
                </Text>
              )}
            </SimpleGrid>
            <DataTable
              mt="sm"
              withTableBorder
              aria-label="分类汇总"
              head={['类别', '城乡', '户(人)次', '人数', '金额']}
              rows={roll.byCategory}
              rowKey={(b) => `${b.category}-${b.area}`}
              cells={(b) => [catLabel(b.category), label('area', b.area), b.lines, b.persons, yuan(b.totalFen)]}
            />
          </Card>
          <Text fw={600}>与上月相比（比较对象：{ROLL_DIFF_SOURCE[roll.diff.previousSource]}）</Text>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <DiffTable title="新增" rows={roll.diff.added} color="green" />
            <DiffTable title="停发" rows={roll.diff.removed} color="red" />
            <DiffTable title="金额变化" rows={roll.diff.changed} color="orange" />
          </SimpleGrid>
          <RollLines month={month} stamp={roll.generatedAt} />
        </>
      )}
    </Stack>
  );
}

/** All rolls (months), newest first, with links. */
export function RollIndex() {
  const q = useCall('rolls.list', {});
  const month = thisMonthCn();
  return (
    <Stack maw={900}>
      <Group justify="space-between">
        <Title order={2}>发放花名册</Title>
        <Button onClick={() => navigate(`/cases/rolls/${month}`)}>本月（{month}）</Button>
      </Group>
      <DataTable
        striped
        withTableBorder
        aria-label="各月花名册"
        head={['月份', '状态', '条数', '合计', '生成/确认']}
        rows={q.data}
        rowKey={(r) => r.id}
        cells={(r) => [
          <Anchor href={`#/cases/rolls/${r.month}`}>{r.month}</Anchor>,
          r.status === 'confirmed' ? '已确认' : '草稿',
          r.lineCount,
          yuan(r.totalFen),
          <>
            {r.generatedByName}
            {r.confirmedByName ? ` / ${r.confirmedByName}` : ''}
          </>,
        ]}
      />
      {q.data?.length === 0 && <Text c="dimmed">尚未生成任何月份的花名册</Text>}
    </Stack>
  );
}
