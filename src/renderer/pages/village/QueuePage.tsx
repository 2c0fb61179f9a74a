// 复核队列: village changes (or some of their fields) that wait because the office changed the same thing, and
// possible duplicate people, and changes the office's rules refused. Field by field: the value before, the office's
// (who, when), the village's (who, when); 采用村里的 / 保留办公室的 / 修改后采用 for every kind that has something to
// edit, else the reason why not (审核人、管理员).
import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { VillageQueueView } from '../../../shared/api/village';
import { call } from '../../api';
import { CallDialog, MoneyField, TextField } from '../../lib/form';
import { notifyError, notifyOk } from '../../lib/notify';
import { canReview, useSession } from '../../lib/session';
import type { Wiring } from '../../lib/actions';
import { useCall } from '../../lib/useCall';
import { fieldLabel, timeText, valueText } from './common';

const KIND: Record<VillageQueueView['kind'], string> = {
  fields: '同一字段两边都改了',
  conflict: '整项变更待复核',
  duplicate: '可能重复登记的人员',
  refused: '办公室的规则未通过',
};
const RESOLUTION: Record<string, string> = { village: '采用村里的', office: '保留办公室的', edit: '修改后采用' };

/** The village's input as field/value rows (a whole-change conflict or a duplicate). */
function inputRows(values: unknown): [string, unknown][] {
  const input = (values as { input?: Record<string, unknown> } | null)?.input ?? {};
  return Object.entries(input).filter(
    ([k, v]) => k !== 'id' && k !== 'version' && (typeof v !== 'object' || v === null),
  );
}

const snake = (k: string) => k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/** 修改后采用: a field conflict's waiting fields, or the fields of a whole change / refused change / duplicate person. */
function EditDialog({ q, ...wiring }: { q: VillageQueueView } & Wiring) {
  const rows =
    q.kind === 'fields'
      ? q.fields.map((f) => ({ key: f.column, label: f.label, value: f.village, money: f.column.endsWith('_fen') }))
      : q.editable.map((f) => ({ key: f.field, label: f.label, value: f.value, money: f.field.endsWith('Fen') }));
  return (
    <CallDialog
      method="village.resolve"
      title="修改后采用"
      initial={{ values: Object.fromEntries(rows.map((r) => [r.key, r.value ?? ''])) }}
      prepare={(v) => ({ id: q.id, version: q.version, choice: 'edit', values: (v as { values: unknown }).values })}
      submitLabel="保存"
      done="已按修改后的值保存"
      {...wiring}
    >
      {rows.map((r) =>
        r.money ? (
          <MoneyField key={r.key} path={`values.${r.key}`} label={`${r.label}（元）`} />
        ) : (
          <TextField key={r.key} path={`values.${r.key}`} label={r.label} />
        ),
      )}
    </CallDialog>
  );
}

function Entry({ q, reviewer, reload }: { q: VillageQueueView; reviewer: boolean; reload: () => void }) {
  const [editing, setEditing] = useState(false);
  async function resolve(choice: 'village' | 'office') {
    try {
      await call('village.resolve', { id: q.id, version: q.version, choice });
      notifyOk(choice === 'village' ? '已采用村里的值' : '已保留办公室的值');
      reload();
    } catch (e) {
      notifyError(e, '未处理');
    }
  }
  const villageWho = `${q.villageAuthor}，${timeText(q.villageAt)}（副本记录的时间）`;
  const officeWho = q.officeChangedBy ? `${q.officeChangedBy}，${timeText(q.officeChangedAt)}` : '—';
  return (
    <Card withBorder aria-label={`复核：${q.recordName ?? q.methodLabel}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Badge color={q.kind === 'duplicate' ? 'red' : 'orange'}>{KIND[q.kind]}</Badge>
            <Text fw={600}>
              {q.copyVillages.join('、')}：{q.methodLabel}
              {q.recordName ? `（${q.recordName}）` : ''}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {q.fileSeq ? `第 ${q.fileSeq} 号变更文件第 ${q.seq} 项` : ''}，导入于 {timeText(q.createdAt)}
          </Text>
        </Group>
        {q.kind === 'fields' ? (
          <Table withTableBorder aria-label="字段对比">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>字段</Table.Th>
                <Table.Th>原来的值</Table.Th>
                <Table.Th>办公室的值（{officeWho}）</Table.Th>
                <Table.Th>村里的值（{villageWho}）</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.fields.map((f) => (
                <Table.Tr key={f.column}>
                  <Table.Td>{f.label}</Table.Td>
                  <Table.Td>{valueText(f.column, f.base)}</Table.Td>
                  <Table.Td>
                    {valueText(f.column, f.current)}
                    {JSON.stringify(f.current) !== JSON.stringify(f.office) && (
                      <Text size="xs" c="dimmed">
                        导入时为 {valueText(f.column, f.office)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{valueText(f.column, f.village)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <>
            <Text size="sm">
              {q.kind === 'duplicate'
                ? '村里登记的人员，身份证号已在办公室台账中：可能是同一人，不会自动合并。身份证号录错时可修改后采用。'
                : q.kind === 'refused'
                  ? `办公室台账的规则未通过，村里的这项变更未应用：${q.refusal ?? ''}。可修改后采用，或确认拒绝。`
                  : `办公室已修改这条记录（${officeWho}），村里的这项变更整项未应用。`}
              村里：{villageWho}。
            </Text>
            <Table withTableBorder aria-label="村里的变更">
              <Table.Tbody>
                {inputRows(q.villageValues).map(([k, v]) => (
                  <Table.Tr key={k}>
                    <Table.Td>{fieldLabel(snake(k))}</Table.Td>
                    <Table.Td>{valueText(snake(k), v)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        {q.status === 'open' ? (
          reviewer ? (
            <Group>
              <Button size="xs" onClick={() => void resolve('village')}>
                {q.kind === 'refused' ? '按原样重试' : '采用村里的'}
              </Button>
              <Button size="xs" variant="default" onClick={() => void resolve('office')}>
                {q.kind === 'refused' ? '确认拒绝' : '保留办公室的'}
              </Button>
              {q.editNote === null ? (
                <Button size="xs" variant="light" onClick={() => setEditing(true)}>
                  修改后采用
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  不能修改后采用：{q.editNote}
                </Text>
              )}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              由审核人或管理员处理
            </Text>
          )
        ) : (
          <Text size="sm">
            已处理：{RESOLUTION[q.resolution ?? ''] ?? q.resolution}（{q.resolvedBy}，{timeText(q.resolvedAt)}）
          </Text>
        )}
      </Stack>
      {editing && (
        <EditDialog
          q={q}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            reload();
          }}
        />
      )}
    </Card>
  );
}

export function QueuePage() {
  const { user } = useSession();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const queue = useCall('village.queue', { status });
  return (
    <Stack gap="md">
      <Title order={2}>复核队列</Title>
      <Text size="sm" c="dimmed">
        村里与办公室改了同一字段时，以办公室的值为准，村里的值在这里等待复核；其余字段已经应用。处理结果随下一份回传文件带回村里。
      </Text>
      <SegmentedControl
        w={240}
        value={status}
        onChange={(v) => setStatus(v as 'open' | 'resolved')}
        data={[
          { value: 'open', label: '待复核' },
          { value: 'resolved', label: '已处理' },
        ]}
      />
      {queue.data?.length === 0 && (
        <Alert color="gray">{status === 'open' ? '没有待复核的事项' : '还没有处理过的事项'}</Alert>
      )}
      {(queue.data ?? []).map((q) => (
        <Entry key={q.id} q={q} reviewer={canReview(user)} reload={queue.reload} />
      ))}
    </Stack>
  );
}
