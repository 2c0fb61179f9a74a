// 备份与数据安全 (管理员): backups now and their list, the second backup folder, the retention period for closed cases.
import { Alert, Badge, Button, Group, Modal, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { BackupVerificationView } from '../../../shared/api/safety';
import { label } from '../../../shared/labels';
import { call } from '../../api';
import { fieldErrorsOf, notifyError, notifyOk } from '../../lib/notify';
import { useCall } from '../../lib/useCall';
import { BackupVerification, ProofBadge } from './BackupVerification';
import { RestoreFromBackup } from './RestoreFromBackup';
import { DataTable } from '../../components/DataTable';

const KIND: Record<string, string> = { auto: '自动', before: '操作前', manual: '手动' };
const size = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export function SafetyTab() {
  const backups = useCall('backups.list', { limit: 50 });
  const settings = useCall('safety.settings', {});
  const retention = useCall('privacy.retentionReport', { limit: 20 });
  const [secondDir, setSecondDir] = useState('');
  const [years, setYears] = useState<number | string>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [running, setRunning] = useState(false);
  const [verifying, setVerifying] = useState<string | null>(null);
  const [verified, setVerified] = useState<BackupVerificationView | null>(null);
  const [verifiedKind, setVerifiedKind] = useState<'auto' | 'before' | 'manual'>('auto');

  useEffect(() => {
    if (!settings.data) return;
    setSecondDir(settings.data.secondBackupDir ?? '');
    setYears(settings.data.closedCaseRetentionYears ?? '');
  }, [settings.data]);

  async function runBackup() {
    setRunning(true);
    try {
      const r = await call('backups.run', { reason: '手动备份' });
      notifyOk(`备份完成并已校验：${r.file}${r.secondCopy ? `；第二份：${r.secondCopy}` : ''}`);
      for (const w of r.warnings) notifyError(new Error(w), '备份提醒');
      backups.reload();
    } catch (e) {
      notifyError(e, '备份未完成');
    } finally {
      setRunning(false);
    }
  }

  async function verify(kind: 'auto' | 'before' | 'manual', name: string) {
    setVerifying(name);
    try {
      setVerified(await call('backups.verify', { kind, name }));
      setVerifiedKind(kind);
    } catch (e) {
      notifyError(e, '核验未完成');
    } finally {
      setVerifying(null);
    }
  }

  async function save() {
    if (!settings.data) return;
    try {
      await call('safety.updateSettings', {
        version: settings.data.version,
        secondBackupDir: secondDir.trim() === '' ? null : secondDir.trim(),
        closedCaseRetentionYears: years === '' ? null : Number(years),
      });
      setErrors({});
      notifyOk('已保存');
      settings.reload();
      retention.reload();
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      notifyError(e);
    }
  }

  return (
    <Stack>
      <Title order={4}>备份</Title>
      <Text size="sm" c="dimmed">
        每天自动备份一次、关闭程序时备份、每次导入和报表定稿前备份；每份备份写完都做完整性校验，校验记录保存在备份文件内
        （复制、改名都不会丢失）。保留 7 份每日、4 份每周、12 份每月备份。“核验”重新检查一份备份是否完好；核验通过的备份
        可在核验结果中“从此备份恢复”（原台账另存保留）。没有校验记录的文件只能由管理员用命令 civil-ledger restore 恢复。
      </Text>
      <Group>
        <Button loading={running} onClick={() => void runBackup()}>
          立即备份
        </Button>
        {backups.data && (
          <Text size="sm">
            备份目录：{backups.data.folder}
            {backups.data.secondDir ? `；第二份：${backups.data.secondDir}` : ''}
          </Text>
        )}
      </Group>
      <DataTable
        striped
        aria-label="备份列表"
        head={['时间', '类型', '原因', '大小', '由谁', '校验', '']}
        rows={backups.data?.entries}
        rowKey={(b) => `${b.kind}/${b.name}`}
        cells={(b) => [
          <>
            {b.at.slice(0, 19).replace('T', ' ')}
            {b.suspectTime && (
              <Badge
                ml="xs"
                color="orange"
                variant="light"
                title="备份时间晚于现在：做这份备份时电脑时钟可能不准。清理旧备份按备份序号，不按时间"
              >
                时间异常
              </Badge>
            )}
          </>,
          KIND[b.kind] ?? b.kind,
          b.reason ?? '',
          size(b.bytes),
          b.by ?? '',
          <ProofBadge proof={b.proof} problem={b.problem} />,
          <Button
            size="xs"
            variant="default"
            loading={verifying === b.name}
            onClick={() => void verify(b.kind, b.name)}
          >
            核验
          </Button>,
        ]}
      />
      {backups.data && backups.data.entries.length === 0 && <Text size="sm">还没有备份。</Text>}
      <Modal
        opened={verified !== null}
        onClose={() => setVerified(null)}
        title={verified ? `核验备份：${verified.name}` : ''}
        size="xl"
      >
        {verified && <BackupVerification v={verified} />}
        {verified?.verified && (
          <RestoreFromBackup kind={verifiedKind} name={verified.name} onStarted={() => setVerified(null)} />
        )}
      </Modal>

      <Title order={4} mt="md">
        设置
      </Title>
      <TextInput
        label="第二备份目录（另一块硬盘或U盘，留空表示不用）"
        value={secondDir}
        onChange={(e) => setSecondDir(e.currentTarget.value)}
        error={errors.secondBackupDir}
        maw={560}
      />
      <NumberInput
        label="已结案件保存年限（年，留空表示不设）"
        value={years}
        onChange={setYears}
        min={1}
        max={100}
        error={errors.closedCaseRetentionYears}
        maw={260}
      />
      <Group>
        <Button onClick={() => void save()}>保存设置</Button>
      </Group>

      <Title order={4} mt="md">
        超过保存年限的已结案件
      </Title>
      {retention.data?.retentionYears === null ? (
        <Text size="sm">未设置保存年限。</Text>
      ) : (
        <>
          <Alert color="gray">
            以下案件结案早于 {retention.data?.cutoff}，共 {retention.data?.total ?? 0}{' '}
            件。软件不会自动删除，请按档案管理规定处理。
          </Alert>
          <Table aria-label="超过保存年限的案件">
            <Table.Tbody>
              {(retention.data?.rows ?? []).map((r) => (
                <Table.Tr key={r.caseId}>
                  <Table.Td>{r.caseNo ?? '（无证号）'}</Table.Td>
                  <Table.Td>{label('caseCategory', r.category)}</Table.Td>
                  <Table.Td>{label('caseStatus', r.status)}</Table.Td>
                  <Table.Td>结案 {r.closedOn}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
