// 确认花名册: the question before a month's roll is confirmed and locked (totals, the change from last month,
// earlier months still missing or in draft).
import { Alert, Anchor, Button, Checkbox, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { RollConfirmPreview } from '../../../shared/api/cases';
import { call } from '../../api';
import { notifyOk } from '../../lib/notify';
import { yuan } from './common';

const PREVIOUS_STATUS = { confirmed: '已确认', draft: '草稿，未确认', missing: '未生成（按台账计算）' } as const;

const signedYuan = (fen: number) => (fen > 0 ? `+${yuan(fen)}` : fen < 0 ? `−${yuan(-fen)}` : yuan(0));

/**
 * The question before a roll is confirmed and locked: its totals, the difference from last month, and earlier
 * months whose roll is missing or a draft (confirming anyway needs a tick that is sent to the core and journalled).
 */
export function ConfirmRollDialog({
  month,
  onClose,
  onConfirmed,
}: {
  month: string;
  onClose: () => void;
  onConfirmed: () => void;
}) {
  const [preview, setPreview] = useState<RollConfirmPreview | string | null>(null);
  const [ack, setAck] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  useEffect(() => {
    let live = true;
    call('rolls.confirmPreview', { month }).then(
      (r) => live && setPreview(r),
      (e: unknown) => live && setPreview(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [month]);
  const p = typeof preview === 'object' ? preview : null;
  const blocked = !p || p.blockers.length > 0 || (p.earlier.length > 0 && !ack);
  return (
    <Modal opened onClose={onClose} title={`确认 ${month} 发放花名册`} size="lg">
      <Stack gap="sm">
        {preview === null && <Text size="sm">正在核对…</Text>}
        {typeof preview === 'string' && <Alert color="red">{preview}</Alert>}
        {p && (
          <>
            <Table withTableBorder aria-label="花名册合计与上月比较">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row">{month} 合计</Table.Th>
                  <Table.Td>
                    {p.lineCount} 条，{p.persons} 人，{yuan(p.totalFen)}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">上月（{p.previous.month}）</Table.Th>
                  <Table.Td>
                    {p.previous.lineCount} 条，{yuan(p.previous.totalFen)}（{PREVIOUS_STATUS[p.previous.status]}）
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">与上月相比</Table.Th>
                  <Table.Td>
                    {signedYuan(p.differenceFen)}；新增 {p.added} 户/人，停发 {p.removed}，金额变动 {p.changed}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            {p.earlier.length > 0 && (
              <Alert color="yellow" title="之前月份的花名册尚未确认">
                <Stack gap={4}>
                  {p.earlier.map((g) => (
                    <Text key={g.month} size="sm">
                      <Anchor href={`#/cases/rolls/${g.month}`}>{g.month}</Anchor>：
                      {g.status === 'missing' ? '未生成' : '仍为草稿，未确认'}
                    </Text>
                  ))}
                  <Checkbox
                    mt="xs"
                    label="我已知悉上述月份未确认，仍要确认本月花名册"
                    checked={ack}
                    onChange={(e) => setAck(e.currentTarget.checked)}
                  />
                </Stack>
              </Alert>
            )}
            {p.blockers.map((b) => (
              <Alert key={b} color="red">
                {b}
              </Alert>
            ))}
            <Text size="sm">确认后花名册锁定，不能重新生成；之后的变动在以后月份补发或追回。</Text>
          </>
        )}
        {refusal && (
          <Alert color="red" title="未确认" role="alert">
            {refusal}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button
            color="green"
            loading={busy}
            disabled={blocked}
            onClick={() => {
              if (!p) return;
              setBusy(true);
              setRefusal(undefined);
              call('rolls.confirm', { month, version: p.version, acknowledgeEarlier: ack })
                .then(() => {
                  notifyOk(`${month} 花名册已确认并锁定：${p.lineCount} 条，合计 ${yuan(p.totalFen)}`);
                  onConfirmed();
                })
                .catch((e: unknown) => setRefusal(e instanceof Error ? e.message : String(e)))
                .finally(() => setBusy(false));
            }}
          >
            确认并锁定（{p ? yuan(p.totalFen) : '…'}）
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
