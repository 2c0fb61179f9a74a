// 工作台: the report month's state, what is due across the ledgers, reminders, and the main figures (低保 + 特困)
// by village and by month.
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatYuan } from '../../../shared/money';
import { label } from '../../../shared/labels';
import { call } from '../../api';
import type { RouteDef } from '../../lib/route';
import { notifyError } from '../../lib/notify';
import { canReview, useSession } from '../../lib/session';
import { useCall } from '../../lib/useCall';
import { monthCn } from '../reports/util';
import { BarChart } from './Charts';
import { takePrefetchedDashboard } from './prefetch';
import { HolidayWarning } from '../lifeevents/CalendarTab';

/** Where a due row's work is done: the row opens that list or page, filtered to what it counts. */
function dueHref(key: string): string | null {
  const [kind, arg] = key.split(/:(.*)/s) as [string, string | undefined];
  if (kind === 'roll') return `#/cases/rolls/${arg}`;
  if (kind === 'cases') return `#/cases/worklist?task=${arg}`;
  if (kind === 'report' || kind === 'amended') return `#/reports?month=${arg}`;
  if (kind === 'lifeevents') return `#/lifeevents/${arg}`;
  if (kind === 'visits') return `#/stations/visits?month=${arg}`;
  if (kind === 'facility_months') return `#/stations/figures?month=${arg}`;
  const fixed: Record<string, string> = {
    rectify: '#/stations?rectify=1',
    orgs: '#/orgs/worklist',
  };
  return fixed[key] ?? null;
}

/**
 * 开始使用 (issue 20): after the set-up wizard, the three things a new ledger needs, in order — other users, the
 * 保障标准, the first household — each ticked when done (from the ledger itself); the card goes once all are done.
 */
function FirstRun() {
  const { user } = useSession();
  const [state, setState] = useState<{ users: boolean | null; standards: boolean; households: boolean } | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([
      user.role === 'admin' ? call('users.list', {}).then((u) => u.length > 1) : Promise.resolve(null),
      call('standards.list', {}).then((s) => s.length > 0),
      call('households.list', { offset: 0, limit: 1 }).then((h) => h.total > 0),
    ])
      .then(([users, standards, households]) => live && setState({ users, standards, households }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [user.role]);
  if (!state || (state.users !== false && state.standards && state.households)) return null;
  const steps: { done: boolean; text: string; href: string | null }[] = [
    ...(state.users === null ? [] : [{ done: state.users, text: '添加经办人、审核人账号', href: '#/settings' }]),
    { done: state.standards, text: '录入保障标准（审核人）', href: '#/cases/standards' },
    { done: state.households, text: '登记第一户', href: '#/cases/households/new' },
  ];
  return (
    <Card withBorder aria-label="开始使用">
      <Text fw={600} mb="xs">
        开始使用
      </Text>
      <Stack gap={4}>
        {steps.map((st, i) => (
          <Text key={st.text} size="sm">
            {i + 1}. {st.done ? '✓ ' : ''}
            {st.done ? st.text : <Anchor href={st.href ?? undefined}>{st.text}</Anchor>}
            {st.done ? '（已完成）' : ''}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

function Home() {
  const { user, township } = useSession();
  // The report month comes from the core with the rows that name it: one month on the whole page.
  // The first load takes the answer asked for at login (prefetch.ts), if there is one.
  const { data, error, reload } = useCall('reports.dashboard', {}, { first: takePrefetchedDashboard });
  const month = data?.month ?? '';
  const done = async (id: string) => {
    try {
      await call('reports.reminderDone', { id });
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Stack>
      <Title order={2}>工作台</Title>
      <Text>
        {township?.path} · {user.displayName}（{label('role', user.role)}）
      </Text>
      {/* Asked once the page's own data has answered: the core answers in turn, and the first screen waits for it. */}
      {(data || error) && <FirstRun />}
      {(data || error) && <HolidayWarning />}
      {error && <Alert color="red">{error.message}</Alert>}
      {data && (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder aria-label="月度状态">
              <Text fw={600} mb="xs">
                {monthCn(month)}报表
              </Text>
              <Group>
                {data.period.status === 'final' ? (
                  <Badge color="green">已定稿（第 {data.period.finalRevision} 版）</Badge>
                ) : (
                  <Badge color="yellow">未定稿</Badge>
                )}
                {data.latestPackage ? (
                  <Text size="sm">
                    最近生成：{data.latestPackage.builtAt.slice(0, 16).replace('T', ' ')}（第{' '}
                    {data.latestPackage.revision} 版，校验
                    {data.latestPackage.checksOk ? '通过' : '未通过'}）
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    尚未生成报表包
                  </Text>
                )}
              </Group>
              <Anchor href={`#/reports?month=${month}`} size="sm" mt="xs" display="block">
                打开月度报表
              </Anchor>
            </Card>
            <Card withBorder aria-label="待办">
              <Text fw={600} mb="xs">
                待办事项
              </Text>
              {data.due.length === 0 ? (
                <Text size="sm" c="dimmed">
                  暂无待办
                </Text>
              ) : (
                <Table>
                  <Table.Tbody>
                    {data.due.map((d) => (
                      <Table.Tr key={d.key}>
                        <Table.Td>
                          {dueHref(d.key) ? <Anchor href={dueHref(d.key)!}>{d.label}</Anchor> : d.label}
                        </Table.Td>
                        <Table.Td>{d.count}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </SimpleGrid>
          {data.reminders.length > 0 && (
            <Card withBorder aria-label="提醒">
              <Text fw={600} mb="xs">
                提醒
              </Text>
              {data.reminders.map((r) => (
                <Group key={r.id} justify="space-between">
                  <Text size="sm">{r.message}</Text>
                  {canReview(user) && (
                    <Button size="xs" variant="subtle" onClick={() => void done(r.id)}>
                      知道了
                    </Button>
                  )}
                </Group>
              ))}
            </Card>
          )}
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card withBorder>
              <BarChart
                title={`${monthCn(month)} 各村(社区)低保、特困在保户数`}
                bars={data.byVillage.map((v) => ({
                  label: v.villageName,
                  value: v.households,
                  text: String(v.households),
                }))}
              />
            </Card>
            <Card withBorder>
              <BarChart
                title="近 12 个月低保、特困发放金额（元）"
                color="#40c057"
                bars={data.byMonth.map((m) => ({
                  label: m.month,
                  value: m.amountFen,
                  text: formatYuan(m.amountFen).replace(/\.\d\d$/, ''),
                }))}
              />
            </Card>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

export { nav } from './nav';
export const routes: RouteDef[] = [{ path: '/', component: Home }];
