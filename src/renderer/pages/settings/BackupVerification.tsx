// How one backup's verification is shown: the verdict, each check with ✓/✗, what cannot be vouched for, and what
// the backup's own record says. Used by 备份与数据安全 (核验) and meant for an in-app restore to show before it asks
// the administrator to go on.
import { Alert, Badge, List, Stack, Table, Text } from '@mantine/core';
import type { BackupProofView, BackupVerificationView } from '../../../shared/api/safety';

export const PROOF_LABEL: Record<BackupProofView, { text: string; color: string; hint: string }> = {
  embedded: { text: '含校验记录', color: 'green', hint: '单文件备份，校验记录在文件内，复制或改名不会丢失' },
  sidecar: { text: '旧式备份', color: 'blue', hint: '校验记录在旁边的 .manifest.json 文件中，复制时须一起带走' },
  none: { text: '无校验记录', color: 'orange', hint: '无法证明内容在备份后未被改动' },
  damaged: { text: '校验记录损坏', color: 'red', hint: '文件被截断或改动' },
};

export function ProofBadge(props: { proof: BackupProofView; problem?: string | null }) {
  const p = PROOF_LABEL[props.proof];
  return (
    <Badge color={p.color} variant="light" title={props.problem ?? p.hint}>
      {p.text}
    </Badge>
  );
}

export function BackupVerification(props: { v: BackupVerificationView }) {
  const { v } = props;
  return (
    <Stack gap="sm">
      {v.refusal ? (
        <Alert color="red" title="不能用于恢复">
          {v.refusal}
        </Alert>
      ) : v.verified ? (
        <Alert color="green" title="核验通过">
          备份内容与其校验记录一致，可以用于恢复。
        </Alert>
      ) : (
        <Alert color="orange" title="无法担保">
          这份文件没有可核对的校验记录。只能由管理员明确确认后恢复，恢复会记入操作日志。
        </Alert>
      )}
      <Table aria-label="核验项目">
        <Table.Tbody>
          {v.checks.map((c) => (
            <Table.Tr key={c.name}>
              <Table.Td w={32} aria-label={c.ok ? '通过' : '未通过'}>
                <Text c={c.ok ? 'green' : 'red'}>{c.ok ? '✓' : '✗'}</Text>
              </Table.Td>
              <Table.Td w={160}>{c.name}</Table.Td>
              <Table.Td>{c.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {v.unvouched.length > 0 && (
        <div>
          <Text fw={500}>无法担保的内容：</Text>
          <List size="sm">
            {v.unvouched.map((u) => (
              <List.Item key={u}>{u}</List.Item>
            ))}
          </List>
        </div>
      )}
      {v.recorded && (
        <Text size="sm" c="dimmed">
          备份记录：{v.recorded.at.slice(0, 19).replace('T', ' ')}
          {v.recorded.by ? `，${v.recorded.by}` : ''}
          {v.recorded.reason ? `，${v.recorded.reason}` : ''}
          {v.recorded.township ? `；${v.recorded.township}` : ''}
          {v.recorded.journalHead ? `；操作日志至第 ${v.recorded.journalHead.seq} 条` : ''}
          {v.recorded.tables > 0 ? `；${v.recorded.tables} 张表的数据摘要` : ''}
        </Text>
      )}
    </Stack>
  );
}
