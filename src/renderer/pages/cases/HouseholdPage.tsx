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
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { type HouseholdView } from '../../../shared/api/cases';
import { label, labelOptions } from '../../../shared/labels';
import type { Wiring } from '../../lib/actions';
import { useCall } from '../../lib/useCall';
import { CasePanel } from './CasePanel';
import { NewCaseDialog } from './CaseForm';
import { CallDialog, dropBlank, MoneyField, SelectField, TextAreaField, TextField } from '../../lib/form';
import { MemberDialogHost, type MemberDialog } from './MemberDialogs';
import { catLabel, statusColor, useVillages, yuan } from './common';
import { MembersTable, HistoryTable } from './HouseholdTables';

function EditHousehold({ h, ...wiring }: { h: HouseholdView } & Wiring) {
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
      {...wiring}
    >
      <SimpleGrid cols={3}>
        <SelectField path="villageId" label="村(社区)" data={villages} required searchable />
        <SelectField path="hukouType" label="户籍类型" data={labelOptions('area')} required />
        <MoneyField path="annualIncomeFen" label="家庭年总收入" required />
        <TextField path="address" label="住址" />
        <TextField path="phone" label="联系电话" />
        <SelectField path="povertyCause" label="致贫原因" data={labelOptions('povertyCause')} clearable />
        <TextField path="bankName" label="户开户银行" />
        <TextField path="bankAccount" label="户银行账号" />
      </SimpleGrid>
      <TextAreaField path="assetsNote" label="家庭财产情况" />
      <TextField path="reason" label="修改原因" />
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
