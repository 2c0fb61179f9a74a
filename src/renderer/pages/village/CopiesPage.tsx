// 村级副本 at the office: the copies, their villages, the last exchange each way, what waits; making a copy
// (管理员), importing a village's change file, writing the return file. In a copy the same path shows CopyPanel.
import { Alert, Badge, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { VillageCopyView, VillageImportView } from '../../../shared/api/village';
import { call } from '../../api';
import { CallDialog, CheckGroupField, TextAreaField, TextField } from '../../lib/form';
import { notifyError, notifyOk } from '../../lib/notify';
import { canReview, useSession } from '../../lib/session';
import { useCall } from '../../lib/useCall';
import { FileTextButton, saveText, timeText } from './common';
import { CopyPanel } from './CopyPanel';

function ImportResult({ r }: { r: VillageImportView }) {
  if (r.alreadyImported) {
    return (
      <Alert color="gray" title={`第 ${r.fileSeq} 号变更文件已经导入过`}>
        未作任何改动。
      </Alert>
    );
  }
  return (
    <Alert color={r.conflicts > 0 || r.refused > 0 ? 'orange' : 'green'} title={`已导入第 ${r.fileSeq} 号变更文件`}>
      <Text size="sm">
        {r.villageNames.join('、')}：变更 {r.sequence[0]}–{r.sequence[1]}。应用 {r.applied} 项（其中并行修改{' '}
        {r.parallel} 项），此前已应用 {r.alreadyApplied} 项，待复核 {r.conflicts} 项，拒绝 {r.refused} 项。
      </Text>
      {r.notes.length > 0 && (
        <List size="sm" mt="xs">
          {r.notes.map((n) => (
            <List.Item key={n.seq}>
              第 {n.seq} 项：{n.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

function MakeCopyDialog(props: { onClose: () => void; onDone: () => void }) {
  const villages = useCall('villages.list', {});
  return (
    <CallDialog
      method="village.makeCopy"
      title="制作村级副本"
      initial={{ villages: [], login: 'xieli', loginName: '村协理员', password: '' }}
      submitLabel="制作副本"
      done={(out) => `已制作村级副本：${out.path}`}
      onClose={props.onClose}
      onDone={() => props.onDone()}
    >
      <Text size="sm" c="dimmed">
        副本只含所选村（社区）的户、人员和救助记录，不含其他村的数据、办公室的账号和操作日志。协理员在副本中只能受理、
        登记变动和走访，不能审批、发放或改设置。
      </Text>
      <CheckGroupField
        path="villages"
        label="村（社区）"
        required
        data={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
      />
      <TextField path="login" label="副本登录名" required />
      <TextField path="loginName" label="协理员姓名" required />
      <TextField
        path="password"
        label="副本登录密码"
        required
        autoComplete="new-password"
        description="至少 8 位。请记下交给协理员，首次使用时可自行修改"
      />
    </CallDialog>
  );
}

/** 停用 a copy (管理员): the reason is journalled; the copy's files are refused from then on. */
function RevokeDialog(props: { copy: VillageCopyView; onClose: () => void; onDone: () => void }) {
  return (
    <CallDialog
      method="village.revokeCopy"
      title={`停用村级副本：${props.copy.villageNames.join('、')}`}
      initial={{ copyId: props.copy.id, version: props.copy.version, reason: '' }}
      submitLabel="停用副本"
      done="已停用村级副本"
      onClose={props.onClose}
      onDone={() => props.onDone()}
    >
      <Text size="sm" c="dimmed">
        停用后，这个副本写出的变更文件一律拒绝导入，也不再给它写回传文件；已经导入的变更不受影响。笔记本丢失或协理员离任时使用。
      </Text>
      <TextAreaField path="reason" label="停用原因" required />
    </CallDialog>
  );
}

function CopyState({ c }: { c: VillageCopyView }) {
  if (c.status !== 'revoked') return <Badge color="green">使用中</Badge>;
  return (
    <Stack gap={2}>
      <Badge color="red">已停用</Badge>
      <Text size="xs">
        {c.revokedBy}，{timeText(c.revokedAt)}：{c.revokeReason}
      </Text>
    </Stack>
  );
}

function OfficePage() {
  const { user } = useSession();
  const reviewer = canReview(user);
  const copies = useCall('village.copies', {}, { skip: !reviewer });
  const [making, setMaking] = useState(false);
  const [revoking, setRevoking] = useState<VillageCopyView | null>(null);
  const [result, setResult] = useState<VillageImportView | null>(null);

  async function importFile(text: string) {
    setResult(null);
    const r = await call('village.import', { text });
    setResult(r);
    copies.reload();
  }
  async function writeReturn(copyId: string, full = false) {
    try {
      const out = await call('village.exportReturn', { copyId, full });
      saveText(out.fileName, out.text);
      notifyOk(out.summary);
      copies.reload();
    } catch (e) {
      notifyError(e, '未写出回传文件');
    }
  }

  return (
    <Stack gap="lg">
      <Title order={2}>村级副本</Title>
      <Text size="sm" c="dimmed">
        村协理员在村级副本中登记的变动，以签名的变更文件带回办公室导入；办公室改过的同一字段不会被覆盖，进入复核队列。
        导入后写出回传文件带回村里，副本与办公室的村级记录即一致。
      </Text>
      <Group>
        <FileTextButton label="导入变更文件" onText={importFile} />
        {user.role === 'admin' && <Button onClick={() => setMaking(true)}>制作村级副本</Button>}
      </Group>
      {result && <ImportResult r={result} />}
      {reviewer && (
        <Table striped withTableBorder aria-label="村级副本">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>村（社区）</Table.Th>
              <Table.Th>状态</Table.Th>
              <Table.Th>制作</Table.Th>
              <Table.Th>收到的变更文件</Table.Th>
              <Table.Th>写出的回传文件</Table.Th>
              <Table.Th>待回传</Table.Th>
              <Table.Th>待复核</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(copies.data ?? []).length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={8}>
                  <Text c="dimmed">还没有制作村级副本</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {(copies.data ?? []).map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.villageNames.join('、')}</Table.Td>
                <Table.Td>
                  <CopyState c={c} />
                </Table.Td>
                <Table.Td>
                  {c.createdBy}，{timeText(c.createdAt)}
                </Table.Td>
                <Table.Td>
                  {c.lastFileSeq > 0 ? `第 ${c.lastFileSeq} 号，${timeText(c.lastImportAt)}` : '尚未收到'}
                </Table.Td>
                <Table.Td>
                  {c.lastReturnSeq > 0 ? `第 ${c.lastReturnSeq} 号，${timeText(c.lastReturnAt)}` : '尚未写出'}
                </Table.Td>
                <Table.Td>{c.awaitingReturn} 项</Table.Td>
                <Table.Td>
                  {c.openQueue > 0 ? (
                    <Badge color="orange" component="a" href="#/village/queue">
                      {c.openQueue} 项
                    </Badge>
                  ) : (
                    '0 项'
                  )}
                </Table.Td>
                <Table.Td>
                  {c.status !== 'revoked' && (
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="light" onClick={() => void writeReturn(c.id)}>
                        写出回传文件
                      </Button>
                      <Button size="xs" variant="subtle" onClick={() => void writeReturn(c.id, true)}>
                        完整回传
                      </Button>
                      {user.role === 'admin' && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(c)}>
                          停用
                        </Button>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {revoking && (
        <RevokeDialog
          copy={revoking}
          onClose={() => setRevoking(null)}
          onDone={() => {
            setRevoking(null);
            copies.reload();
          }}
        />
      )}
      {making && (
        <MakeCopyDialog
          onClose={() => setMaking(false)}
          onDone={() => {
            setMaking(false);
            copies.reload();
          }}
        />
      )}
    </Stack>
  );
}

export function CopiesPage() {
  const status = useCall('village.status', {});
  if (!status.data) return null;
  return status.data.isCopy ? <CopyPanel status={status.data} reload={status.reload} /> : <OfficePage />;
}
