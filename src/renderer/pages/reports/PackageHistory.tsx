// The month's report packages: each version, its state, its checks, its files to download and its deliveries;
// 定稿 and 报送 for a reviewer.
import { Badge, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { PackageView } from '../../../shared/api/reports';
import { call } from '../../api';
import { DataTable } from '../../components/DataTable';
import { downloadBase64 } from '../../lib/download';
import { notifyError, notifyOk } from '../../lib/notify';
import { canReview, useSession } from '../../lib/session';
import { monthCn } from './util';

const STATUS: Record<PackageView['status'], { text: string; color: string }> = {
  prepared: { text: '待定稿', color: 'yellow' },
  final: { text: '已定稿', color: 'green' },
  superseded: { text: '已被取代', color: 'gray' },
};
const TRIGGER: Record<PackageView['trigger'], string> = { manual: '手动', schedule: '定时', cli: '命令行' };

/** 通过 / 未通过 */
export const CheckBadge = ({ ok }: { ok: boolean }) =>
  ok ? <Badge color="green">通过</Badge> : <Badge color="red">未通过</Badge>;

export function PackageHistory({ packages, onChanged }: { packages: PackageView[]; onChanged: () => void }) {
  const { user } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (packageId: string, file: 'xlsx' | 'zip') => {
    try {
      const f = await call('reports.download', { packageId, file });
      downloadBase64(f.name, f.mime, f.dataBase64);
    } catch (e) {
      notifyError(e, '下载未完成');
    }
  };
  const run = async (p: PackageView, what: string, f: () => Promise<unknown>) => {
    const id = p.id;
    setBusy(id + what);
    try {
      await f();
      notifyOk(`${monthCn(p.month)}报表包第 ${p.buildNo} 版${what}完成`);
      onChanged();
    } catch (e) {
      notifyError(e, `${monthCn(p.month)}报表包${what}未完成`);
    } finally {
      setBusy(null);
    }
  };
  if (packages.length === 0) return <Text c="dimmed">本月尚未生成报表包</Text>;
  return (
    <DataTable
      striped
      aria-label="报表包记录"
      head={['版次', '状态', '生成', '校验', '文件', '报送', '操作']}
      rows={packages}
      rowKey={(p) => p.id}
      cells={(p) => [
        <>
          第 {p.buildNo} 版{p.revision > 1 ? `（修订第 ${p.revision} 版）` : ''}
        </>,
        <>
          <Badge color={STATUS[p.status].color}>{STATUS[p.status].text}</Badge>
          {p.amountsDraft && (
            <Badge color="orange" ml={4}>
              金额为草稿
            </Badge>
          )}
        </>,
        <>
          <Text size="sm">
            {p.builtAt.slice(0, 19).replace('T', ' ')} {p.builtBy}（{TRIGGER[p.trigger]}）
          </Text>
          {p.finalizedAt && (
            <Text size="xs" c="dimmed">
              定稿：{p.finalizedAt.slice(0, 16).replace('T', ' ')} {p.finalizedBy}
            </Text>
          )}
        </>,
        <CheckBadge ok={p.checksOk} />,
        <>
          <Group gap={4}>
            <Button size="compact-xs" variant="light" onClick={() => void download(p.id, 'xlsx')}>
              下载工作簿
            </Button>
            <Button size="compact-xs" variant="light" onClick={() => void download(p.id, 'zip')}>
              下载数据包
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {p.xlsxFile}
          </Text>
        </>,
        p.deliveries.map((d) => (
          <Text size="xs" key={d.id} c={d.status === 'ok' ? undefined : 'red'}>
            {d.method === 'upload' ? '上报' : '保存'} {d.status === 'ok' ? '成功' : '失败'}{' '}
            {d.at.slice(0, 16).replace('T', ' ')} {d.receipt ?? ''}
          </Text>
        )),
        <Group gap="xs">
          {p.status === 'prepared' && canReview(user) && (
            <Button
              size="xs"
              disabled={!p.checksOk}
              loading={busy === `${p.id}定稿`}
              onClick={() =>
                void run(p, '定稿', () => call('reports.finalize', { packageId: p.id, version: p.version }))
              }
            >
              定稿
            </Button>
          )}
          {p.status !== 'superseded' && canReview(user) && (
            <Button
              size="xs"
              variant="light"
              loading={busy === `${p.id}报送`}
              onClick={() => void run(p, '报送', () => call('reports.deliver', { packageId: p.id }))}
            >
              报送
            </Button>
          )}
        </Group>,
      ]}
    />
  );
}
