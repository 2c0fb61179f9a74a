// The delivery part of 报表设置: the day last month's package is prepared, the municipal upload address and the
// export folder (a USB drive), each with a 测试 button that tries it now (reports.testDelivery).
import { Alert, Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ConnectionCheck } from '../../../shared/api/delivery';
import { call } from '../../api';
import { notifyError } from '../../lib/notify';

interface Props {
  scheduleDay: number;
  uploadUrl: string | null;
  exportFolder: string | null;
  onChange: (patch: { scheduleDay?: number; uploadUrl?: string | null; exportFolder?: string | null }) => void;
}

function TestResult({ r }: { r: ConnectionCheck | null }) {
  if (!r) return null;
  return (
    <Alert color={r.ok ? 'green' : 'red'} py={6} role="status">
      {r.message}
    </Alert>
  );
}

export function DeliverySettings(p: Props) {
  const [url, setUrl] = useState<ConnectionCheck | null>(null);
  const [folder, setFolder] = useState<ConnectionCheck | null>(null);
  const [testing, setTesting] = useState<'url' | 'folder' | null>(null);
  const test = async (what: 'url' | 'folder') => {
    setTesting(what);
    try {
      const r = await call(
        'reports.testDelivery',
        what === 'url' ? { uploadUrl: p.uploadUrl ?? '' } : { exportFolder: p.exportFolder ?? '' },
      );
      (what === 'url' ? setUrl : setFolder)(r);
    } catch (e) {
      notifyError(e, '未能测试');
    } finally {
      setTesting(null);
    }
  };
  return (
    <Stack gap="xs">
      <NumberInput
        label="每月几日自动准备上月报表包（1–28）"
        min={1}
        max={28}
        value={p.scheduleDay}
        onChange={(v) => typeof v === 'number' && p.onChange({ scheduleDay: v })}
        w={280}
      />
      <Group align="flex-end">
        <TextInput
          label="市级系统上报地址（https://，不填则保存到导出文件夹）"
          value={p.uploadUrl ?? ''}
          onChange={(e) => {
            setUrl(null);
            p.onChange({ uploadUrl: e.currentTarget.value.trim() || null });
          }}
          style={{ flex: 1 }}
        />
        <Button variant="default" disabled={!p.uploadUrl} loading={testing === 'url'} onClick={() => void test('url')}>
          测试连接
        </Button>
      </Group>
      <TestResult r={url} />
      <Group align="flex-end">
        <TextInput
          label={'导出文件夹（如 U 盘上的 E:\\月报）'}
          value={p.exportFolder ?? ''}
          onChange={(e) => {
            setFolder(null);
            p.onChange({ exportFolder: e.currentTarget.value.trim() || null });
          }}
          style={{ flex: 1 }}
        />
        <Button
          variant="default"
          disabled={!p.exportFolder}
          loading={testing === 'folder'}
          onClick={() => void test('folder')}
        >
          测试写入
        </Button>
      </Group>
      <TestResult r={folder} />
    </Stack>
  );
}
