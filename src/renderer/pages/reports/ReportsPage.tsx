// 月度报表: pick a month, see its figures (each number opens the records behind it), the cross-checks, build the
// package, mark it final (审核人), reopen a final month with a reason, deliver it, and the history of packages.
import { Alert, Badge, Button, Card, Group, Modal, Select, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { label } from '../../../shared/labels';
import { call } from '../../api';
import { clearErrorNotices, notifyError, notifyOk } from '../../lib/notify';
import { canReview, useSession } from '../../lib/session';
import { progressText, useWorkProgress } from '../../lib/WorkProgress';
import { useCall } from '../../lib/useCall';
import { hashQuery, replaceHashQuery } from '../../lib/router';
import { isMonth } from '../../../shared/time';
import { CheckBadge, PackageHistory } from './PackageHistory';
import { DataTable } from '../../components/DataTable';
import { ReportSettings } from './ReportSettings';
import { DibaoView, SummaryTable } from './ReportTables';
import { TraceDialog, type TraceState } from './TraceDialog';
import { monthCn, monthOptions, reportMonthCn, yuan } from './util';

type Trace = TraceState;

/** The drill-down kept in the page's address (#/reports?month=…&trace=…): Back from a case opened there reopens it. */
function traceFromAddress(month: string): Trace | null {
  try {
    const t = JSON.parse(hashQuery().get('trace') ?? 'null') as Trace | null;
    return t && t.query?.month === month && typeof t.title === 'string' ? t : null;
  } catch {
    return null;
  }
}

export function ReportsPage() {
  const { user } = useSession();
  const [settingsOpen, setSettingsOpen] = useState(false);
  // The month from the link that opened the page (工作台: #/reports?month=2026-11), else last month.
  const [month, setMonth] = useState(() => {
    const asked = hashQuery().get('month');
    return asked && isMonth(asked) ? asked : reportMonthCn();
  });
  const [trace, setTraceState] = useState<Trace | null>(() => traceFromAddress(month));
  const setTrace = (t: Trace | null) => {
    setTraceState(t);
    replaceHashQuery({ month, trace: t ? JSON.stringify(t) : undefined });
  };
  const [building, setBuilding] = useState(false);
  const buildProgress = useWorkProgress('reports.build', building);
  const [confirmRebuild, setConfirmRebuild] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  // One month on the page: what a call answered for another month (the month just left) is not shown under this one.
  const figuresCall = useCall('reports.figures', { month });
  const periodCall = useCall('reports.period', { month });
  const packagesCall = useCall('reports.packages', { month });
  const figures = { ...figuresCall, data: figuresCall.data?.month === month ? figuresCall.data : undefined };
  const period = { ...periodCall, data: periodCall.data?.month === month ? periodCall.data : undefined };
  const packages = {
    ...packagesCall,
    data: packagesCall.data?.every((p) => p.month === month) ? packagesCall.data : undefined,
  };
  const reload = () => {
    figuresCall.reload();
    periodCall.reload();
    packagesCall.reload();
  };
  const final = period.data?.status === 'final';

  // A package already delivered is rebuilt only after a question (the new version has to be delivered again).
  const deliveredPackage = (packages.data ?? []).find((p) => p.deliveries.some((d) => d.status === 'ok'));
  const build = async (confirmed = false) => {
    if (deliveredPackage && !confirmed) {
      setConfirmRebuild(true);
      return;
    }
    setConfirmRebuild(false);
    setBuilding(true);
    try {
      const p = await call('reports.build', { month, confirmRebuild: confirmed });
      notifyOk(`已生成 ${monthCn(month)} 报表包（第 ${p.buildNo} 版）${p.checksOk ? '' : '，有校验未通过'}`);
      reload();
    } catch (e) {
      notifyError(e, '报表包未生成');
    } finally {
      setBuilding(false);
    }
  };
  const reopen = async () => {
    try {
      await call('reports.reopen', { month, reason });
      notifyOk(`${monthCn(month)} 已重新开启`);
      setReopening(false);
      setReason('');
      reload();
    } catch (e) {
      const fields = (e as { fields?: Record<string, string> }).fields;
      if (fields?.reason) setReasonError(fields.reason);
      else notifyError(e, '未能重新开启');
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>月度报表</Title>
        <Group align="flex-end">
          {user.role === 'admin' && (
            <Button variant="light" onClick={() => setSettingsOpen(true)}>
              报表设置
            </Button>
          )}
          <Select
            label="报告月份"
            data={monthOptions()}
            value={month}
            onChange={(v) => {
              if (!v) return;
              setMonth(v);
              replaceHashQuery({ month: v });
              clearErrorNotices();
            }}
            allowDeselect={false}
            w={160}
          />
        </Group>
      </Group>
      <Card withBorder aria-label="报告月份状态">
        <Group justify="space-between">
          <Group>
            <Text fw={600}>{monthCn(month)}</Text>
            {final ? (
              <Badge color="green">已定稿（第 {period.data?.finalRevision} 版），已结账</Badge>
            ) : (
              <Badge color="yellow">
                未定稿
                {(period.data?.finalRevision ?? 0) > 0
                  ? `（已重新开启，下一版为第 ${(period.data?.finalRevision ?? 0) + 1} 版）`
                  : ''}
              </Badge>
            )}
            {figures.data && (
              <Badge color={figures.data.amountsSource === 'roll' ? 'blue' : 'orange'}>
                {figures.data.amountsSource === 'roll' ? '金额取自已确认的发放名册' : '金额为按台账计算的草稿'}
              </Badge>
            )}
          </Group>
          <Group>
            {!final && (
              <Button onClick={() => void build()} loading={building && !buildProgress} disabled={building}>
                {building && buildProgress ? `正在生成：${progressText(buildProgress)}` : '生成报表包'}
              </Button>
            )}
            {final && canReview(user) && (
              <Button color="orange" variant="light" onClick={() => setReopening(true)}>
                重新开启
              </Button>
            )}
          </Group>
        </Group>
        {period.data?.amended && (
          <Alert color="orange" mt="sm">
            该月定稿后有带原因的更正，请重新开启并生成修订版报表。
          </Alert>
        )}
        {period.data?.reopenReason && !final && (
          <Text size="sm" c="dimmed" mt="xs">
            重新开启原因：{period.data.reopenReason}
          </Text>
        )}
      </Card>
      {figures.error && <Alert color="red">{figures.error.message}</Alert>}
      {!figures.data && !figures.error && <Text c="dimmed">正在计算……</Text>}
      {figures.data && (
        <Tabs defaultValue="summary">
          <Tabs.List>
            <Tabs.Tab value="summary">社会救助月报</Tabs.Tab>
            <Tabs.Tab value="dibao">低保统计表</Tabs.Tab>
            <Tabs.Tab value="checks">
              校验结果{' '}
              {figures.data.checks.every((c) => c.ok) ? (
                <Badge color="green" size="xs">
                  通过
                </Badge>
              ) : (
                <Badge color="red" size="xs">
                  {figures.data.checks.filter((c) => !c.ok).length} 项未通过
                </Badge>
              )}
            </Tabs.Tab>
            <Tabs.Tab value="packages">报表包记录</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="summary" pt="sm">
            <Stack gap="xs">
              <Text size="sm" aria-label="社会救助合计">
                社会救助支出合计（低保＋特困＋临时救助）：{yuan(figures.data.socialAssistanceFen)}；临时救助{' '}
                {figures.data.linshi.reduce((a, l) => a + l.personTimes, 0)} 人次（每次救助按所覆盖人数计）、
                {figures.data.linshi.reduce((a, l) => a + l.times, 0)}{' '}
                户次。孤儿、事实无人抚养儿童和两项补贴属社会福利，
                低保边缘、刚性支出困难家庭为本地指标，均不计入社会救助合计。
              </Text>
              <SummaryTable rows={figures.data.rows} month={month} open={setTrace} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="dibao" pt="sm">
            <Stack>
              {figures.data.dibaoTables.map((t) => (
                <Stack key={t.area} gap="xs">
                  <Title order={4}>{label('area', t.area)}居民最低生活保障统计表</Title>
                  <DibaoView table={t} month={month} open={setTrace} />
                </Stack>
              ))}
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="checks" pt="sm">
            <DataTable
              aria-label="校验结果"
              rows={figures.data.checks}
              rowKey={(c) => c.code}
              cells={(c) => [<CheckBadge ok={c.ok} />, c.name, c.message]}
            />
          </Tabs.Panel>
          <Tabs.Panel value="packages" pt="sm">
            <PackageHistory packages={packages.data ?? []} onChanged={reload} />
          </Tabs.Panel>
        </Tabs>
      )}
      <Modal
        opened={confirmRebuild}
        onClose={() => setConfirmRebuild(false)}
        title={`重新生成 ${monthCn(month)} 报表包`}
      >
        <Stack>
          <Text size="sm">
            {monthCn(month)}的报表包第 {deliveredPackage?.buildNo} 版已报送。重新生成将是第{' '}
            {(packages.data?.length ?? 0) + 1} 版，须重新报送。确定要重新生成吗？
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmRebuild(false)}>
              取消
            </Button>
            <Button color="orange" onClick={() => void build(true)}>
              重新生成
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={settingsOpen} onClose={() => setSettingsOpen(false)} title="报表设置">
        {settingsOpen && <ReportSettings onClose={() => setSettingsOpen(false)} />}
      </Modal>
      {trace && <TraceDialog state={trace} onChange={setTrace} onClose={() => setTrace(null)} />}
      <Modal opened={reopening} onClose={() => setReopening(false)} title={`重新开启 ${monthCn(month)}`}>
        <Stack>
          <Text size="sm">重新开启后可更正该月数据，下一次生成的报表包为新的版次，并列出与上一版的差异。</Text>
          <Textarea
            label="重新开启原因"
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setReasonError(undefined);
            }}
            error={reasonError}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReopening(false)}>
              取消
            </Button>
            <Button color="orange" onClick={() => void reopen()}>
              确认重新开启
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
