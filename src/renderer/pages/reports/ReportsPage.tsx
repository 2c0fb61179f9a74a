// 月度报表: pick a month, see its figures (each number opens the records behind it), the cross-checks, build the
// package, mark it final (审核人), reopen a final month with a reason, deliver it, and the history of packages.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { DeliverySettings } from './DeliverySettings';
import { useState } from 'react';
import type {
  DibaoTable,
  FigureRow,
  PackageView,
  ReportCategory,
  ReportSettingsView,
} from '../../../shared/api/reports';
import { label, labels } from '../../../shared/labels';
import { call } from '../../api';
import { downloadBase64 } from '../../lib/download';
import { clearErrorNotices, notifyError, notifyOk } from '../../lib/notify';
import { canReview, useSession } from '../../lib/session';
import { progressText, useWorkProgress } from '../../lib/WorkProgress';
import { useCall } from '../../lib/useCall';
import { hashQuery, replaceHashQuery } from '../../lib/router';
import { isMonth } from '../../../shared/time';
import { TraceDialog, type TraceQuery, type TraceState } from './TraceDialog';
import { monthCn, monthOptions, reportMonthCn, yuan } from './util';

/** The report's row names; 临时救助 counts 户次 in its 户数 column. */
const CATEGORY_NAMES: Record<ReportCategory, string> = { ...labels.reportCategory, linshi: '临时救助（户数为户次）' };

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

function Num({ value, onOpen, name }: { value: number | string; onOpen: () => void; name: string }) {
  if (value === 0 || value === '0.00 元') return <Text c="dimmed">{value}</Text>;
  return (
    <UnstyledButton onClick={onOpen} aria-label={name} style={{ textDecoration: 'underline dotted' }}>
      {value}
    </UnstyledButton>
  );
}

function SummaryTable({ rows, month, open }: { rows: FigureRow[]; month: string; open: (t: Trace) => void }) {
  const cell = (r: FigureRow, measure: TraceQuery['measure'], value: number | string, what: string) => {
    const name = `${label('area', r.area)}${CATEGORY_NAMES[r.category]} ${what}`;
    return (
      <Table.Td>
        <Num
          value={value}
          name={name}
          onOpen={() =>
            open({ title: `${monthCn(month)} ${name}`, query: { month, category: r.category, area: r.area, measure } })
          }
        />
      </Table.Td>
    );
  };
  return (
    <Table striped withTableBorder withColumnBorders aria-label="社会救助月报">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>类别</Table.Th>
          <Table.Th>城乡</Table.Th>
          <Table.Th>户数</Table.Th>
          <Table.Th>人数</Table.Th>
          <Table.Th>新增户</Table.Th>
          <Table.Th>新增人</Table.Th>
          <Table.Th>退出户</Table.Th>
          <Table.Th>退出人</Table.Th>
          <Table.Th>当月金额</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={`${r.category}-${r.area}`}>
            <Table.Td>{CATEGORY_NAMES[r.category]}</Table.Td>
            <Table.Td>{label('area', r.area)}</Table.Td>
            {cell(r, 'households', r.households, '户数')}
            {cell(r, 'persons', r.persons, '人数')}
            {cell(r, 'newHouseholds', r.newHouseholds, '新增户数')}
            {cell(r, 'newPersons', r.newPersons, '新增人数')}
            {cell(r, 'exitHouseholds', r.exitHouseholds, '退出户数')}
            {cell(r, 'exitPersons', r.exitPersons, '退出人数')}
            {cell(r, 'amount', yuan(r.amountFen), '金额')}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DibaoView({ table, month, open }: { table: DibaoTable; month: string; open: (t: Trace) => void }) {
  const area = label('area', table.area);
  const rows = [table.total, ...table.villages.filter((v) => v.households > 0 || v.exitHouseholds > 0)];
  const cell = (villageId: string | null, village: string, value: number, what: string, q: Partial<TraceQuery>) => (
    <Table.Td>
      <Num
        value={value}
        name={`${village} ${what}`}
        onOpen={() =>
          open({
            title: `${monthCn(month)} ${area}低保 ${village} ${what}`,
            query: {
              month,
              category: 'dibao',
              area: table.area,
              measure: 'persons',
              ...(villageId ? { villageId } : {}),
              ...q,
            },
          })
        }
      />
    </Table.Td>
  );
  return (
    <Table striped withTableBorder withColumnBorders aria-label={`${area}低保统计表`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>村(社区)</Table.Th>
          <Table.Th>户数</Table.Th>
          <Table.Th>人数</Table.Th>
          <Table.Th>女性</Table.Th>
          <Table.Th>老年人</Table.Th>
          <Table.Th>未成年人</Table.Th>
          <Table.Th>残疾人</Table.Th>
          <Table.Th>劳动能力：有</Table.Th>
          <Table.Th>部分丧失</Table.Th>
          <Table.Th>完全丧失</Table.Th>
          <Table.Th>无（未满18或60岁以上）</Table.Th>
          <Table.Th>当月新增户</Table.Th>
          <Table.Th>当月退出户</Table.Th>
          <Table.Th>当月资金</Table.Th>
          <Table.Th>其中低保金</Table.Th>
          <Table.Th>累计资金</Table.Th>
          <Table.Th>当月人均补助额（低保金÷人数）</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((v) => (
          <Table.Tr key={v.villageId ?? 'total'} fw={v.villageId ? undefined : 700}>
            <Table.Td>{v.villageName}</Table.Td>
            {cell(v.villageId, v.villageName, v.households, '户数', { measure: 'households' })}
            {cell(v.villageId, v.villageName, v.persons, '人数', {})}
            {cell(v.villageId, v.villageName, v.women, '女性', { attribute: 'women' })}
            {cell(v.villageId, v.villageName, v.elderly, '老年人', { attribute: 'elderly' })}
            {cell(v.villageId, v.villageName, v.minors, '未成年人', { attribute: 'minors' })}
            {cell(v.villageId, v.villageName, v.disabled, '残疾人', { attribute: 'disabled' })}
            {cell(v.villageId, v.villageName, v.labour.able, '有劳动能力', { attribute: 'labour4Able' })}
            {cell(v.villageId, v.villageName, v.labour.partial, '部分丧失劳动能力', { attribute: 'labour4Partial' })}
            {cell(v.villageId, v.villageName, v.labour.none, '完全丧失劳动能力', { attribute: 'labour4None' })}
            {cell(v.villageId, v.villageName, v.labour.notWorkingAge, '无劳动能力（年龄）', {
              attribute: 'labour4Age',
            })}
            {cell(v.villageId, v.villageName, v.newHouseholds, '当月新增户', { measure: 'newHouseholds' })}
            {cell(v.villageId, v.villageName, v.exitHouseholds, '当月退出户', { measure: 'exitHouseholds' })}
            <Table.Td>{yuan(v.monthFen)}</Table.Td>
            <Table.Td>{yuan(v.monthBaseFen)}</Table.Td>
            <Table.Td>{yuan(v.ytdFen)}</Table.Td>
            <Table.Td>{yuan(v.perCapitaBaseFen)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const STATUS: Record<PackageView['status'], { text: string; color: string }> = {
  prepared: { text: '待定稿', color: 'yellow' },
  final: { text: '已定稿', color: 'green' },
  superseded: { text: '已被取代', color: 'gray' },
};
const TRIGGER: Record<PackageView['trigger'], string> = { manual: '手动', schedule: '定时', cli: '命令行' };

function History({ packages, onChanged }: { packages: PackageView[]; onChanged: () => void }) {
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
    <Table striped aria-label="报表包记录">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>版次</Table.Th>
          <Table.Th>状态</Table.Th>
          <Table.Th>生成</Table.Th>
          <Table.Th>校验</Table.Th>
          <Table.Th>文件</Table.Th>
          <Table.Th>报送</Table.Th>
          <Table.Th>操作</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {packages.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>
              第 {p.buildNo} 版{p.revision > 1 ? `（修订第 ${p.revision} 版）` : ''}
            </Table.Td>
            <Table.Td>
              <Badge color={STATUS[p.status].color}>{STATUS[p.status].text}</Badge>
              {p.amountsDraft && (
                <Badge color="orange" ml={4}>
                  金额为草稿
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {p.builtAt.slice(0, 19).replace('T', ' ')} {p.builtBy}（{TRIGGER[p.trigger]}）
              </Text>
              {p.finalizedAt && (
                <Text size="xs" c="dimmed">
                  定稿：{p.finalizedAt.slice(0, 16).replace('T', ' ')} {p.finalizedBy}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{p.checksOk ? <Badge color="green">通过</Badge> : <Badge color="red">未通过</Badge>}</Table.Td>
            <Table.Td>
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
            </Table.Td>
            <Table.Td>
              {p.deliveries.map((d) => (
                <Text size="xs" key={d.id} c={d.status === 'ok' ? undefined : 'red'}>
                  {d.method === 'upload' ? '上报' : '保存'} {d.status === 'ok' ? '成功' : '失败'}{' '}
                  {d.at.slice(0, 16).replace('T', ' ')} {d.receipt ?? ''}
                </Text>
              ))}
            </Table.Td>
            <Table.Td>
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
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * 报表设置: when and where the package goes (schedule day, upload address, export folder — each can be tried), and
 * what shapes the workbook: money unit, the county's 表号 and the names in the sign-off fields (admin).
 */
function FormSettings({ onClose }: { onClose: () => void }) {
  const current = useCall('reports.settings', {});
  const [draft, setDraft] = useState<ReportSettingsView | null>(null);
  const [saving, setSaving] = useState(false);
  const v = draft ?? current.data ?? null;
  if (!v) return <Text c="dimmed">正在读取……</Text>;
  const set = (patch: Partial<ReportSettingsView>) => setDraft({ ...v, ...patch });
  const setSigner = (k: keyof ReportSettingsView['signers'], value: string) =>
    setDraft({ ...v, signers: { ...v.signers, [k]: value } });
  const save = async () => {
    setSaving(true);
    try {
      await call('reports.saveSettings', {
        scheduleDay: v.scheduleDay,
        uploadUrl: v.uploadUrl,
        exportFolder: v.exportFolder,
        fullIdNumbers: v.fullIdNumbers,
        amountUnit: v.amountUnit,
        formNumber: v.formNumber,
        signers: v.signers,
        version: v.version,
      });
      notifyOk('报表设置已保存，下次生成的报表包按新设置填写');
      onClose();
    } catch (e) {
      notifyError(e, '报表设置未保存');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack>
      <DeliverySettings
        scheduleDay={v.scheduleDay}
        uploadUrl={v.uploadUrl}
        exportFolder={v.exportFolder}
        onChange={(patch) => set(patch)}
      />
      <Select
        label="金额单位"
        data={[
          { value: 'yuan', label: '元（两位小数）' },
          { value: 'wan', label: '万元（月报一位小数，低保、特困表两位小数）' },
        ]}
        value={v.amountUnit}
        onChange={(x) => x && set({ amountUnit: x as 'yuan' | 'wan' })}
        allowDeselect={false}
      />
      <TextInput
        label="表号（县级规定的表号；不填则不印表号）"
        value={v.formNumber}
        onChange={(e) => set({ formNumber: e.currentTarget.value })}
      />
      <TextInput
        label="单位负责人（领导签批人）"
        value={v.signers.unitHead}
        onChange={(e) => setSigner('unitHead', e.currentTarget.value)}
      />
      <TextInput
        label="分管审核人"
        value={v.signers.deputy}
        onChange={(e) => setSigner('deputy', e.currentTarget.value)}
      />
      <TextInput
        label="计财部门审核人"
        value={v.signers.finance}
        onChange={(e) => setSigner('finance', e.currentTarget.value)}
      />
      <Text size="xs" c="dimmed">
        填表人为生成报表包的用户（定时生成时为生成发放名册的用户），统计负责人（审核人）为确认当月发放名册的审核人；未填的姓名留空待手签。
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          取消
        </Button>
        <Button onClick={() => void save()} loading={saving}>
          保存
        </Button>
      </Group>
    </Stack>
  );
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
            <Table aria-label="校验结果">
              <Table.Tbody>
                {figures.data.checks.map((c) => (
                  <Table.Tr key={c.code}>
                    <Table.Td>{c.ok ? <Badge color="green">通过</Badge> : <Badge color="red">未通过</Badge>}</Table.Td>
                    <Table.Td>{c.name}</Table.Td>
                    <Table.Td>{c.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Tabs.Panel>
          <Tabs.Panel value="packages" pt="sm">
            <History packages={packages.data ?? []} onChanged={reload} />
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
        {settingsOpen && <FormSettings onClose={() => setSettingsOpen(false)} />}
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
