// The household page: the household's facts and income, members (add, edit, leave, move, head, assessment, death),
// its cases with their steps and next actions, self-care assessments, and the history from the journal.
import { Attachments } from '../../components/Attachments';
import { HouseholdAid } from '../aid/AidPages';
import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Menu,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { type HistoryEntry, type HouseholdView, type MemberView } from '../../../shared/api/cases';
import { label, labelOptions } from '../../../shared/labels';
import { useCall } from '../../lib/useCall';
import { CasePanel } from './CasePanel';
import { NewCaseDialog } from './CaseForm';
import { CallDialog, dropBlank, MoneyField, SelectField, TextAreaField, TextField } from '../../lib/form';
import { MemberDialogHost, type MemberDialog } from './MemberDialogs';
import { catLabel, statusColor, useVillages, yuan } from './common';

function MembersTable({
  members,
  onAction,
  former,
}: {
  members: MemberView[];
  onAction?: (d: MemberDialog) => void;
  former?: boolean;
}) {
  return (
    <Table striped withTableBorder aria-label={former ? '原成员' : '家庭成员'}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>姓名</Table.Th>
          <Table.Th>与户主关系</Table.Th>
          <Table.Th>身份证号</Table.Th>
          <Table.Th>性别</Table.Th>
          <Table.Th>年龄</Table.Th>
          <Table.Th>残疾</Table.Th>
          <Table.Th>劳动能力</Table.Th>
          <Table.Th>健康</Table.Th>
          <Table.Th>自理能力</Table.Th>
          <Table.Th>{former ? '离户' : '入户日期'}</Table.Th>
          {onAction && <Table.Th>操作</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {members.map((m) => (
          <Table.Tr key={m.memberId}>
            <Table.Td>
              {m.name}
              {m.deceasedOn && (
                <Badge ml={4} size="xs" color="gray">
                  已故 {m.deceasedOn}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{m.relation}</Table.Td>
            <Table.Td style={{ fontFamily: 'monospace' }}>
              {m.idNumberMasked ?? '—'}
              {m.idLegacy && (
                <Badge ml={4} size="xs" color="yellow">
                  15位
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{label('sex', m.sex)}</Table.Td>
            <Table.Td>{m.age ?? ''}</Table.Td>
            <Table.Td>
              {m.disabilityType
                ? `${m.disabilityType}${m.disabilityGrade ? `${'一二三四'[m.disabilityGrade - 1]}级` : ''}`
                : ''}
            </Table.Td>
            <Table.Td>{label('labourCapacity', m.labourCapacity)}</Table.Td>
            <Table.Td>{label('health', m.health)}</Table.Td>
            <Table.Td>{label('selfCare', m.selfCare)}</Table.Td>
            <Table.Td>{former ? `${m.leftOn ?? ''} ${m.leftReason ?? ''}` : m.joinedOn}</Table.Td>
            {onAction && (
              <Table.Td>
                <Menu withinPortal>
                  <Menu.Target>
                    <Button size="compact-xs" variant="light" aria-label={`${m.name}的操作`}>
                      操作
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item onClick={() => onAction({ kind: 'edit', m })}>修改信息</Menu.Item>
                    <Menu.Item onClick={() => onAction({ kind: 'assess', m })}>自理能力评估</Menu.Item>
                    <Menu.Item onClick={() => onAction({ kind: 'reveal', m })}>查看完整身份证号</Menu.Item>
                    {!m.isHead && <Menu.Item onClick={() => onAction({ kind: 'head', m })}>设为户主</Menu.Item>}
                    {!m.isHead && <Menu.Item onClick={() => onAction({ kind: 'move', m })}>迁往他户</Menu.Item>}
                    {!m.isHead && <Menu.Item onClick={() => onAction({ kind: 'remove', m })}>离户</Menu.Item>}
                    {!m.deceasedOn && (
                      <Menu.Item color="red" onClick={() => onAction({ kind: 'death', m })}>
                        登记死亡
                      </Menu.Item>
                    )}
                  </Menu.Dropdown>
                </Menu>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const ACTION_NAMES: Record<string, string> = {
  'household.create': '建户',
  'household.update': '修改户信息',
  'household.member_join': '成员入户',
  'household.member_leave': '成员离户',
  'household.set_head': '变更户主',
  'person.create': '登记人员',
  'person.update': '修改人员信息',
  'person.reveal_id': '查看完整身份证号',
  'person.self_care': '自理能力评估',
  'person.death': '登记死亡',
  'case.create': '申请/受理',
  'case.investigate': '入户调查',
  'case.preliminary': '初审',
  'case.publicize': '公示',
  'case.objection': '公示异议',
  'case.end_publicity': '公示期满',
  'case.approve': '审核确认',
  'case.reject': '不予确认',
  'case.withdraw': '撤回',
  'case.grant_advance': '先行救助',
  'case.paperwork': '补办手续',
  'case.recheck': '复核',
  'case.change_amount': '金额变更',
  'case.standard_adjust': '标准调整',
  'case.taper': '渐退',
  'case.stop': '停止',
  'case.kin': '近亲属备案',
  'case.member_death': '成员死亡',
};

const short = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return String(v);
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${k}: ${typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)}`)
    .join('，');
};

function HistoryTable({ rows }: { rows: HistoryEntry[] }) {
  return (
    <Table striped withTableBorder aria-label="变更历史">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={160}>时间</Table.Th>
          <Table.Th w={90}>操作人</Table.Th>
          <Table.Th w={150}>事项</Table.Th>
          <Table.Th>变更内容</Table.Th>
          <Table.Th>原因</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((h, i) => (
          <Table.Tr key={i}>
            <Table.Td>{h.at.replace('T', ' ').slice(0, 19)}</Table.Td>
            <Table.Td>{h.actorName}</Table.Td>
            <Table.Td>{ACTION_NAMES[h.action] ?? h.action}</Table.Td>
            <Table.Td style={{ fontSize: 12, wordBreak: 'break-all' }}>
              {h.before ? `原：${short(h.before)}；` : ''}
              {h.after ? `新：${short(h.after)}` : ''}
            </Table.Td>
            <Table.Td>{h.reason ?? ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function EditHousehold({ h, onClose, onDone }: { h: HouseholdView; onClose: () => void; onDone: () => void }) {
  const { options: villages } = useVillages();
  return (
    <CallDialog
      method="households.update"
      title="修改户信息（收入、住址、账户）"
      size="xl"
      initial={{
        villageId: h.villageId,
        hukouType: h.hukouType,
        address: h.address ?? '',
        phone: h.phone ?? '',
        annualIncomeFen: h.annualIncomeFen,
        assetsNote: h.assetsNote ?? '',
        povertyCause: h.povertyCause,
        bankName: h.bankName ?? '',
        bankAccount: '',
        reason: '',
      }}
      prepare={(v, errors) => {
        if (v.annualIncomeFen === undefined) errors.annualIncomeFen = '请填写家庭年收入（没有收入填 0）';
        if (h.bankAccountMasked && !v.bankAccount)
          errors.bankAccount = `原账号 ${h.bankAccountMasked}：请重新录入完整账号，否则保存后将被清空`;
        return {
          ...dropBlank(v, ['address', 'phone', 'assetsNote', 'povertyCause', 'bankName', 'bankAccount', 'reason']),
          id: h.id,
          version: h.version,
        };
      }}
      done="已保存"
      onClose={onClose}
      onDone={onDone}
    >
      {(form) => (
        <>
          <SimpleGrid cols={3}>
            <SelectField form={form} path="villageId" label="村(社区)" data={villages} required searchable />
            <SelectField form={form} path="hukouType" label="户籍类型" data={labelOptions('area')} required />
            <MoneyField form={form} path="annualIncomeFen" label="家庭年总收入" required />
            <TextField form={form} path="address" label="住址" />
            <TextField form={form} path="phone" label="联系电话" />
            <SelectField
              form={form}
              path="povertyCause"
              label="致贫原因"
              data={labelOptions('povertyCause')}
              clearable
            />
            <TextField form={form} path="bankName" label="户开户银行" />
            <TextField form={form} path="bankAccount" label="户银行账号" />
          </SimpleGrid>
          <TextAreaField form={form} path="assetsNote" label="家庭财产情况" />
          <TextField form={form} path="reason" label="修改原因" />
        </>
      )}
    </CallDialog>
  );
}

export function HouseholdPageView({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const q = useCall('households.get', { id });
  const [dialog, setDialog] = useState<MemberDialog | { kind: 'household' } | { kind: 'case' } | null>(null);
  const [tab, setTab] = useState<string | null>('members');
  const [openCases, setOpenCases] = useState<string[] | null>(null);
  const page = q.data;
  if (!page) return q.error ? <Alert color="red">{q.error.message}</Alert> : <Loader />;
  const h = page.household;
  const close = () => setDialog(null);
  const done = () => {
    setDialog(null);
    q.reload();
  };
  const defaultOpen = page.cases
    .filter((c) => !['rejected', 'withdrawn', 'stopped'].includes(c.status))
    .map((c) => c.id);
  const openIds = openCases ?? defaultOpen;

  return (
    <Stack maw={1300}>
      <Group justify="space-between">
        <Group gap="xs">
          <Anchor href="#/cases/households" size="sm">
            户与成员
          </Anchor>
          <Text size="sm">/</Text>
          <Title order={2}>{h.headName ?? '（无户主）'}户</Title>
          <Badge variant="light">{h.villageName}</Badge>
          {h.status === 'closed' && <Badge color="gray">已注销</Badge>}
        </Group>
        <Group gap="xs">
          <Button variant="light" onClick={() => setDialog({ kind: 'household' })}>
            修改户信息
          </Button>
          <Button variant="light" onClick={() => setDialog({ kind: 'add' })}>
            新增成员
          </Button>
          <Button onClick={() => setDialog({ kind: 'case' })}>申请救助</Button>
        </Group>
      </Group>
      <Card withBorder>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" verticalSpacing={4}>
          <Text size="sm">户籍：{label('area', h.hukouType)}</Text>
          <Text size="sm">在册人口：{h.size} 人</Text>
          <Text size="sm">家庭年收入：{yuan(h.annualIncomeFen)}</Text>
          <Text size="sm">月人均收入：{yuan(h.perCapitaMonthlyIncomeFen)}</Text>
          <Text size="sm">住址：{h.address ?? '—'}</Text>
          <Text size="sm">电话：{h.phone ?? '—'}</Text>
          <Text size="sm">致贫原因：{label('povertyCause', h.povertyCause) || '—'}</Text>
          <Text size="sm">
            账户：{h.bankName ? `${h.bankName} ` : ''}
            {h.bankAccountMasked ?? '—'}
          </Text>
          {h.assetsNote && <Text size="sm">财产：{h.assetsNote}</Text>}
        </SimpleGrid>
      </Card>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="members">家庭成员（{page.members.length}）</Tabs.Tab>
          <Tabs.Tab value="cases">救助（{page.cases.length}）</Tabs.Tab>
          <Tabs.Tab value="assessments">自理能力评估</Tabs.Tab>
          <Tabs.Tab value="history">变更历史</Tabs.Tab>
          <Tabs.Tab value="aid">物资与慈善</Tabs.Tab>
          <Tabs.Tab value="files">附件</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="members" pt="sm">
          <Stack>
            <MembersTable members={page.members} onAction={setDialog} />
            {page.formerMembers.length > 0 && (
              <>
                <Text fw={600}>原成员</Text>
                <MembersTable members={page.formerMembers} former />
              </>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="cases" pt="sm">
          {page.cases.length === 0 ? (
            <Text c="dimmed">该户尚无救助申请</Text>
          ) : (
            <Accordion multiple variant="separated" value={openIds} onChange={setOpenCases}>
              {page.cases.map((c) => (
                <Accordion.Item key={c.id} value={c.id}>
                  <Accordion.Control>
                    <Group gap="xs">
                      <Text fw={600}>{catLabel(c.category)}</Text>
                      <Text size="sm">{c.name}</Text>
                      <Badge color={statusColor[c.status]} size="sm">
                        {label('caseStatus', c.status)}
                      </Badge>
                      {c.pendingBatchId && (
                        <Badge color="orange" size="sm" variant="outline">
                          导入待确认
                        </Badge>
                      )}
                      <Text size="sm" c="dimmed">
                        申请 {c.appliedOn}
                        {c.monthlyAmountFen !== null ? ` · 每月 ${yuan(c.monthlyAmountFen)}` : ''}
                      </Text>
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <CasePanel
                      caseId={c.id}
                      onChanged={() => {
                        setOpenCases(openIds); // keep the case open when its status changes
                        q.reload();
                      }}
                    />
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="assessments" pt="sm">
          <Table striped withTableBorder aria-label="自理能力评估">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>日期</Table.Th>
                <Table.Th>人员</Table.Th>
                <Table.Th>评估人</Table.Th>
                <Table.Th>达不到的项目</Table.Th>
                <Table.Th>结论</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.assessments.map((a) => {
                const who = [...page.members, ...page.formerMembers].find((m) => m.personId === a.personId);
                const names: Record<string, string> = {
                  eat: '进食',
                  dress: '穿衣',
                  bed: '上下床',
                  toilet: '如厕',
                  walk: '室内行走',
                  bathe: '洗澡',
                };
                return (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.assessedOn}</Table.Td>
                    <Table.Td>{who?.name ?? ''}</Table.Td>
                    <Table.Td>{a.assessor}</Table.Td>
                    <Table.Td>
                      {Object.entries(a.items)
                        .filter(([, ok]) => !ok)
                        .map(([k]) => names[k] ?? k)
                        .join('、') || '无'}
                    </Table.Td>
                    <Table.Td>{label('selfCare', a.grade)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="sm">
          <HistoryTable rows={page.history} />
        </Tabs.Panel>
        <Tabs.Panel value="aid" pt="sm">
          <HouseholdAid
            householdId={h.id}
            cases={page.cases.map((c) => ({
              id: c.id,
              label: `${label('caseCategory', c.category)}（${label('caseStatus', c.status)}）`,
            }))}
          />
        </Tabs.Panel>
        <Tabs.Panel value="files" pt="sm">
          <Attachments entity="households" entityId={h.id} />
        </Tabs.Panel>
      </Tabs>
      {dialog?.kind === 'household' && <EditHousehold h={h} onClose={close} onDone={done} />}
      {dialog?.kind === 'case' && (
        <NewCaseDialog
          page={page}
          onClose={close}
          onDone={(cid) => {
            setDialog(null);
            setTab('cases');
            setOpenCases([...openIds, cid]);
            q.reload();
          }}
        />
      )}
      {dialog && dialog.kind !== 'household' && dialog.kind !== 'case' && (
        <MemberDialogHost household={h} dialog={dialog} onClose={close} onDone={done} />
      )}
    </Stack>
  );
}
