// 数据比对: upload another department's list, see what it hit (by effect), and record each check's outcome.
import { Alert, Badge, Button, FileInput, Group, Select, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import {
  CHECK_OUTCOME_LABELS,
  checkOutcomes,
  COMPARE_EFFECT_LABELS,
  COMPARE_LIST_LABELS,
  compareLists,
  type CompareHitView,
  type CompareListValue,
  type CompareResult,
} from '../../../shared/api/compare';
import { call } from '../../api';
import { bytesToBase64 } from '../../lib/download';
import { CallDialog, DateField, SelectField, TextAreaField, choices } from '../../lib/form';
import { notifyOk } from '../../lib/notify';
import { useBusy, useOpenFor, type Wiring } from '../../lib/actions';
import { useCall } from '../../lib/useCall';
import { WorkProgressBar } from '../../lib/WorkProgress';
import { CATEGORY_TEXT } from './common';
import { DataTable } from '../../components/DataTable';

function CheckDialog({ hit, ...wiring }: { hit: CompareHitView } & Wiring) {
  return (
    <CallDialog
      method="compare.check"
      title={`核查：${hit.ledgerName || hit.name}（${COMPARE_EFFECT_LABELS[hit.effect]}）`}
      initial={{ outcome: 'true_handled' }}
      prepare={(v) => ({ ...v, id: hit.id, version: hit.version })}
      done="核查结果已登记"
      {...wiring}
    >
      <SelectField path="outcome" label="核查结果" data={choices(checkOutcomes, CHECK_OUTCOME_LABELS)} required />
      <DateField path="checkedOn" label="核查日期" required />
      <TextAreaField path="note" label="核查情况（入户时间、核查人、证据、处理）" required />
    </CallDialog>
  );
}

export function ComparePage() {
  const [list, setList] = useState<CompareListValue>('deaths');
  const [file, setFile] = useState<File | null>(null);
  const [record, setRecord] = useState(false);
  const [busy, act] = useBusy();
  const [result, setResult] = useState<CompareResult | null>(null);
  const batches = useCall('compare.batches', {});
  const [batchId, setBatchId] = useState<string | null>(null);
  const hits = useCall('compare.hits', { batchId: batchId ?? '', offset: 0, limit: 200 }, { skip: !batchId });
  const checking = useOpenFor<CompareHitView>(() => (hits.reload(), batches.reload()));

  const run = () =>
    act(async () => {
      if (!file) return;
      const r = await call('compare.run', {
        list,
        fileName: file.name,
        data: bytesToBase64(await file.arrayBuffer()),
        record: list === 'deaths' && record,
      });
      setResult(r);
      setBatchId(r.batchId);
      batches.reload();
      notifyOk(`比对完成：${r.rows} 行，疑点 ${r.hits.length} 人`);
    });

  return (
    <Stack>
      <Title order={2}>数据比对</Title>
      <Text size="sm" c="dimmed">
        上传其他部门的名单（.xlsx/.xls/.csv，须有“身份证号码”列，表头可在任意行），按身份证号与全部台账比对；15 位号码按
        18 位比对。每个疑点生成待核查事项。
      </Text>
      <Group align="end">
        <Select
          label="名单类型"
          data={choices(compareLists, COMPARE_LIST_LABELS)}
          value={list}
          onChange={(v) => v && setList(v as CompareListValue)}
          allowDeselect={false}
          w={260}
        />
        <FileInput
          label="名单文件"
          placeholder="选择文件"
          value={file}
          onChange={setFile}
          accept=".xlsx,.xls,.csv"
          w={260}
        />
        {list === 'deaths' && (
          <Switch
            label="逐一登记死亡（停发、计算多发）"
            checked={record}
            onChange={(e) => setRecord(e.currentTarget.checked)}
          />
        )}
        <Button onClick={() => void run()} loading={busy} disabled={!file}>
          开始比对
        </Button>
      </Group>
      <WorkProgressBar method="compare.run" active={busy} label="正在比对" />
      {result && (
        <Alert color={result.badRows.length ? 'orange' : 'blue'} title="本次比对">
          工作表「{result.sheet}」表头在第 {result.headerRow} 行；共 {result.rows} 行，疑点 {result.hits.length}{' '}
          人，不在台账中 {result.notOnLedger} 人，无法比对 {result.badRows.length} 行。
          {result.badRows.slice(0, 20).map((b) => (
            <Text key={b.row} size="xs">
              {b.message}
            </Text>
          ))}
          {result.recorded.length > 0 && <Text size="sm">已登记死亡 {result.recorded.length} 人</Text>}
          {result.notRecorded.map((n) => (
            <Text key={n.row} size="xs">
              未登记：第 {n.row} 行 {n.name}：{n.message}
            </Text>
          ))}
        </Alert>
      )}
      <Title order={4}>比对记录</Title>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>日期</Table.Th>
            <Table.Th>名单</Table.Th>
            <Table.Th>文件（SHA-256）</Table.Th>
            <Table.Th>经办</Table.Th>
            <Table.Th>行数</Table.Th>
            <Table.Th>疑点</Table.Th>
            <Table.Th>待核查</Table.Th>
            <Table.Th>不在台账</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(batches.data ?? []).map((b) => (
            <Table.Tr
              key={b.id}
              onClick={() => setBatchId(b.id)}
              style={{ cursor: 'pointer' }}
              bg={b.id === batchId ? 'blue.0' : undefined}
            >
              <Table.Td>{b.comparedOn}</Table.Td>
              <Table.Td>{COMPARE_LIST_LABELS[b.list]}</Table.Td>
              <Table.Td>
                {b.fileName}
                <Text size="xs" c="dimmed">
                  {b.fileSha256.slice(0, 16)}…
                </Text>
              </Table.Td>
              <Table.Td>{b.byName}</Table.Td>
              <Table.Td>{b.rows}</Table.Td>
              <Table.Td>{b.hits}</Table.Td>
              <Table.Td>{b.open}</Table.Td>
              <Table.Td>{b.notOnLedger}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {batchId && (
        <>
          <Title order={4}>疑点（点击比对记录切换）</Title>
          <DataTable
            striped
            head={['行', '姓名', '身份证号', '情况', '涉及救助', '名单内容', '核查期限', '结果']}
            rows={hits.data?.rows}
            rowKey={(h) => h.id}
            cells={(h) => [
              h.row,
              h.ledgerName || h.name,
              h.idMasked,
              <Badge color={h.effect === 'active_recipient' ? 'red' : h.effect === 'stopped' ? 'gray' : 'orange'}>
                {COMPARE_EFFECT_LABELS[h.effect]}
              </Badge>,
              h.cases.map((c) => CATEGORY_TEXT[c.category] ?? c.category).join('、') || '—',
              <Text size="xs">
                {Object.entries(h.columns)
                  .map(([k, v]) => `${k}：${v}`)
                  .join('；')}
              </Text>,
              <>
                {h.dueOn}
                {h.overdue && (
                  <Badge color="red" ml="xs">
                    已逾期
                  </Badge>
                )}
              </>,
              h.status === 'closed' ? (
                <Text size="sm">
                  {h.outcome ? CHECK_OUTCOME_LABELS[h.outcome] : ''}（{h.checkedOn} {h.checkedByName}）
                </Text>
              ) : (
                <Button size="xs" onClick={() => checking.open(h)}>
                  登记核查结果
                </Button>
              ),
            ]}
          />
        </>
      )}
      {checking.item && <CheckDialog hit={checking.item} {...checking.wiring} />}
    </Stack>
  );
}
