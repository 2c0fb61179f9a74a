// 从此备份恢复 (administrators), under a backup's verification: a reason, a last question, then the core closes the
// ledger, restores it (the replaced ledger kept aside) and reopens it; everyone logs in again.
import { Alert, Button, Checkbox, Group, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../api';
import { notifyError, notifyOk } from '../../lib/notify';

export function RestoreFromBackup(props: { kind: 'auto' | 'before' | 'manual'; name: string; onStarted: () => void }) {
  const [reason, setReason] = useState('');
  const [sure, setSure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const go = async () => {
    setBusy(true);
    try {
      const r = await call('backups.restore', { kind: props.kind, name: props.name, reason });
      notifyOk(r.message);
      props.onStarted();
    } catch (e) {
      setError((e as Error).message);
      notifyError(e, '未恢复');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack mt="md" gap="xs">
      <Alert color="orange" title="从此备份恢复">
        恢复后，台账回到这份备份时的状态；此后录入的内容不在恢复后的台账中（原台账另存为 .replaced
        文件保留，可交技术人员取回）。 恢复期间所有人会退出登录。
      </Alert>
      <Textarea
        label="恢复原因"
        value={reason}
        onChange={(e) => {
          setReason(e.currentTarget.value);
          setError(undefined);
        }}
        error={error}
        autosize
        minRows={2}
      />
      <Checkbox
        label="我已确认：用这份备份替换现在的台账"
        checked={sure}
        onChange={(e) => setSure(e.currentTarget.checked)}
      />
      <Group justify="flex-end">
        <Button color="orange" disabled={!sure || reason.trim().length < 2} loading={busy} onClick={() => void go()}>
          从此备份恢复
        </Button>
      </Group>
    </Stack>
  );
}
