// 局域网共享 (管理员): let the other clerks' PCs in the office use this ledger over HTTPS. The certificate's
// fingerprint is shown large and printable: each client compares it once, on paper, when it first connects.
import { Alert, Badge, Button, Code, Group, NumberInput, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { DEFAULT_OFFICE_PORT } from '../../../shared/api/network';
import { label } from '../../../shared/labels';
import { call } from '../../api';
import { fieldErrorsOf, notifyError, notifyOk } from '../../lib/notify';
import { useCall } from '../../lib/useCall';
import { DataTable } from '../../components/DataTable';

export function NetworkTab() {
  const status = useCall('network.status', {});
  const [enabled, setEnabled] = useState(false);
  const [address, setAddress] = useState<string | null>(null);
  const [port, setPort] = useState<number | string>(DEFAULT_OFFICE_PORT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const s = status.data;

  useEffect(() => {
    if (!s) return;
    setEnabled(s.settings.enabled);
    setAddress(s.settings.address);
    setPort(s.settings.port);
  }, [s]);

  // Who is connected changes while the page is open.
  useEffect(() => {
    const t = setInterval(() => status.reload(), 15_000);
    return () => clearInterval(t);
  }, [status]);

  async function save() {
    setSaving(true);
    try {
      await call('network.configure', { enabled, address, port: Number(port) });
      setErrors({});
      notifyOk(enabled ? '局域网共享已开启' : '局域网共享已关闭');
      status.reload();
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      notifyError(e, '未保存');
    } finally {
      setSaving(false);
    }
  }

  if (!s) return <Text c="dimmed">{status.error ? status.error.message : '正在读取…'}</Text>;
  return (
    <Stack maw={820}>
      <Text size="sm">
        开启后，办公室其他电脑可用本程序（“连接办公室台账”）或浏览器，以各自的账号使用这台电脑上的台账。台账、备份、操作日志和定时任务都只在这台电脑上。
        请勿把台账文件放在共享文件夹中供多台电脑同时打开：那样会损坏台账。
      </Text>
      {!s.available && (
        <Alert color="yellow" title="此处只能保存设置">
          当前程序不能提供局域网服务（例如命令行）。设置会在桌面程序或 serve 下次启动时生效。
        </Alert>
      )}
      {s.problem && (
        <Alert color="red" title="局域网共享未能启动">
          {s.problem}
        </Alert>
      )}
      <Switch label="开启局域网共享" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
      <Group align="flex-start">
        <Select
          label="本机网卡地址（只在这个地址上提供服务）"
          placeholder={s.addresses.length ? '请选择' : '未找到网卡地址'}
          data={s.addresses.map((a) => ({ value: a.address, label: `${a.address}（${a.name}）` }))}
          value={address}
          onChange={setAddress}
          error={errors.address}
          w={320}
        />
        <NumberInput label="端口" min={1024} max={65535} value={port} onChange={setPort} error={errors.port} w={140} />
      </Group>
      <Group>
        <Button onClick={() => void save()} loading={saving}>
          保存
        </Button>
        {s.running && (
          <Button variant="default" onClick={() => window.print()}>
            打印连接说明
          </Button>
        )}
      </Group>
      {s.running && s.url && (
        <Stack gap={4} className="print-area">
          <Title order={4}>连接说明</Title>
          <Text>
            地址：<Code>{s.url}</Code> <Badge color="green">运行中</Badge>
          </Text>
          <Text>证书指纹（SHA-256）：首次连接时请逐段核对，完全一致才可继续。</Text>
          <Code block fz="md" aria-label="证书指纹">
            {s.fingerprint}
          </Code>
          {s.certificateValidTo && (
            <Text size="sm" c="dimmed">
              证书有效期至：{s.certificateValidTo}
            </Text>
          )}
        </Stack>
      )}
      <Title order={4}>已连接的电脑</Title>
      {s.clients.length === 0 ? (
        <Text c="dimmed">目前没有其他电脑连接。</Text>
      ) : (
        <DataTable
          striped
          withTableBorder
          head={['用户', '角色', '电脑地址', '最近操作']}
          rows={s.clients}
          rowKey={(c) => `${c.username}@${c.address}@${c.lastSeen}`}
          cells={(c) => [
            <>
              {c.userName}（{c.username}）
            </>,
            label('role', c.role),
            c.address,
            new Date(c.lastSeen).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
          ]}
        />
      )}
    </Stack>
  );
}
