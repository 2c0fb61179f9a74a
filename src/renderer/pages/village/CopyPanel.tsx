// In a village copy: how many changes wait to be carried to the office, the last file the office acknowledged,
// exporting the change file and importing the office's return file.
import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { VillageStatusView } from '../../../shared/api/village';
import { call } from '../../api';
import { notifyError, notifyOk } from '../../lib/notify';
import { FileTextButton, saveText } from './common';

export function CopyPanel({ status, reload }: { status: VillageStatusView; reload: () => void }) {
  const [last, setLast] = useState<string | null>(null);
  async function exportChanges() {
    try {
      const out = await call('village.exportChanges', {});
      saveText(out.fileName, out.text);
      notifyOk(out.summary);
      setLast(out.summary);
      reload();
    } catch (e) {
      notifyError(e, '未导出');
    }
  }
  async function importReturn(text: string) {
    const out = await call('village.importReturn', { text });
    notifyOk(out.summary);
    setLast(out.summary);
    reload();
  }
  return (
    <Stack gap="lg">
      <Title order={2}>村级副本：{status.villageNames.join('、')}</Title>
      <Text size="sm" c="dimmed">
        这是村级副本。在这里登记的受理、家庭变动和走访，导出变更文件带到乡镇（街道）办公室导入；办公室写出的回传文件导入后，
        本副本的记录与办公室一致。审批、发放和设置只能在办公室办理。
      </Text>
      <Group>
        <Button onClick={() => void exportChanges()} disabled={status.unsent === 0}>
          导出变更文件
          <Badge ml="xs" color={status.unsent > 0 ? 'orange' : 'gray'} aria-label="未发送的变更">
            {status.unsent}
          </Badge>
        </Button>
        <FileTextButton label="导入回传文件" onText={importReturn} />
      </Group>
      {last && <Alert color="green">{last}</Alert>}
      <Table withTableBorder aria-label="交换情况" maw={560}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th>未发送的变更（办公室尚未确认）</Table.Th>
            <Table.Td>{status.unsent} 项</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>其中尚未写入变更文件</Table.Th>
            <Table.Td>{status.notExported} 项</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>已写出的变更文件</Table.Th>
            <Table.Td>{status.lastFileSeq > 0 ? `到第 ${status.lastFileSeq} 号` : '尚未写出'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>办公室已确认</Table.Th>
            <Table.Td>{status.lastAcknowledged > 0 ? `到第 ${status.lastAcknowledged} 号` : '尚未确认'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>办公室的处理结果</Table.Th>
            <Table.Td>
              已应用 {status.acknowledged.applied} 项，待复核 {status.acknowledged.queued} 项，未采用{' '}
              {status.acknowledged.refused} 项
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>已导入的回传文件</Table.Th>
            <Table.Td>{status.lastReturnSeq > 0 ? `第 ${status.lastReturnSeq} 号` : '尚未导入'}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed">
        变更文件在办公室确认前都保留在本副本中；文件丢失时再次导出即可，办公室不会重复应用同一项变更。
      </Text>
    </Stack>
  );
}
