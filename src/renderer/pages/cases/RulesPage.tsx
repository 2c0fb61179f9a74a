// 规则与时限: the exclusion rules the core enforces, the statutory deadlines and re-check cycles per category (local
// settings — a reviewer may change them), and the 近亲属备案 register.
import { Alert, Badge, Button, Group, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CaseSettings, Category, DeadlineSetting, RecheckCycle } from '../../../shared/api/cases';
import { label } from '../../../shared/labels';
import { call } from '../../api';
import { navigate } from '../../lib/router';
import { notifyError, notifyOk } from '../../lib/notify';
import { canReview, useSession } from '../../lib/session';
import { useCall } from '../../lib/useCall';
import { Pager, useListing } from '../../lib/listing';
import { DataTable } from '../../components/DataTable';
import { TabbedPage } from '../../components/TabSet';
import { choices } from '../../lib/form';

const RECHECK: { value: RecheckCycle | 'none'; label: string }[] = choices({
  yearly: '每年',
  half_yearly: '每半年',
  quarterly: '每季度',
  none: '不定期',
});

type Editable = Pick<CaseSettings, 'deadlines' | 'recheck'>;

function DeadlinesTab() {
  const { user } = useSession();
  const settings = useCall('caseSettings.get', {});
  const [draft, setDraft] = useState<Editable | null>(null);
  const editable = canReview(user);
  useEffect(() => {
    if (settings.data) setDraft({ deadlines: settings.data.deadlines, recheck: settings.data.recheck });
  }, [settings.data]);
  if (!settings.data || !draft) return <Text>正在读取…</Text>;
  const cats = Object.keys(draft.deadlines) as Category[];
  const setDeadline = (c: Category, k: keyof Omit<DeadlineSetting, 'publicity'>, v: number | string) =>
    setDraft({ ...draft, deadlines: { ...draft.deadlines, [c]: { ...draft.deadlines[c], [k]: Number(v) || 0 } } });
  const num = (c: Category, k: keyof Omit<DeadlineSetting, 'publicity'>) =>
    editable ? (
      <NumberInput
        size="xs"
        w={70}
        min={1}
        value={draft.deadlines[c][k]}
        onChange={(v) => setDeadline(c, k, v)}
        aria-label={`${label('caseCategory', c)} ${k}`}
      />
    ) : (
      draft.deadlines[c][k]
    );

  async function save() {
    if (!settings.data || !draft) return;
    try {
      await call('caseSettings.put', {
        version: settings.data.version,
        deadlines: draft.deadlines,
        recheck: draft.recheck,
      });
      notifyOk('时限与复核周期已保存');
      settings.reload();
    } catch (e) {
      notifyError(e);
    }
  }

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        默认值依据《最低生活保障审核确认办法》（民发〔2021〕57号）、《特困人员认定办法》（民发〔2021〕43号）等；各地规定不同时由审核人修改。单位：工作日（公示按自然日或工作日）。
      </Text>
      <Table striped aria-label="办理时限">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>保障类别</Table.Th>
            <Table.Th>开始调查</Table.Th>
            <Table.Th>调查与初审</Table.Th>
            <Table.Th>公示</Table.Th>
            <Table.Th>审核确认</Table.Th>
            <Table.Th>总时限</Table.Th>
            <Table.Th>特殊情况</Table.Th>
            <Table.Th>定期复核</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cats.map((c) => {
            const p = draft.deadlines[c].publicity;
            return (
              <Table.Tr key={c}>
                <Table.Td>{label('caseCategory', c)}</Table.Td>
                <Table.Td>{num(c, 'investigateDays')}</Table.Td>
                <Table.Td>{num(c, 'townshipDays')}</Table.Td>
                <Table.Td>{p ? `${p.days} ${p.working ? '个工作日' : '天'}` : '不公示'}</Table.Td>
                <Table.Td>{num(c, 'countyDays')}</Table.Td>
                <Table.Td>{num(c, 'overallDays')}</Table.Td>
                <Table.Td>{num(c, 'overallSpecialDays')}</Table.Td>
                <Table.Td>
                  {editable ? (
                    <Select
                      size="xs"
                      w={110}
                      data={RECHECK}
                      value={draft.recheck[c] ?? 'none'}
                      onChange={(v) =>
                        setDraft({
                          ...draft,
                          recheck: { ...draft.recheck, [c]: v === 'none' || !v ? null : (v as RecheckCycle) },
                        })
                      }
                      aria-label={`${label('caseCategory', c)} 复核周期`}
                    />
                  ) : (
                    (RECHECK.find((r) => r.value === (draft.recheck[c] ?? 'none'))?.label ?? '')
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {editable ? (
        <Group>
          <Button onClick={() => void save()}>保存时限与复核周期</Button>
        </Group>
      ) : (
        <Alert color="gray">只有审核人或管理员可以修改这些设置。</Alert>
      )}
    </Stack>
  );
}

function RulesTab() {
  const rules = useCall('cases.rules', {});
  return (
    <Table aria-label="互斥规则">
      <Table.Tbody>
        {(rules.data ?? []).map((r, i) => (
          <Table.Tr key={r.code}>
            <Table.Td w={40}>{i + 1}</Table.Td>
            <Table.Td>{r.text}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function KinTab() {
  const l = useListing({}, 50);
  const kin = useCall('cases.kinRegister', l.paging);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        申请人是经办人员或村(居)委会成员近亲属的，单独登记备案（民发〔2021〕57号第十一条），并由县级入户调查。
      </Text>
      {kin.data && kin.data.total === 0 && <Text>没有近亲属备案的案件。</Text>}
      {kin.data && kin.data.total > 0 && (
        <DataTable
          striped
          highlightOnHover
          aria-label="近亲属备案"
          head={['姓名', '村(社区)', '保障类别', '状态', '申请日期', '备案说明']}
          rows={kin.data.rows}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ style: { cursor: 'pointer' }, onClick: () => navigate(`/cases/case/${r.id}`) })}
          cells={(r) => [
            r.name,
            r.villageName,
            <>
              {label('caseCategory', r.category)}（{label('area', r.area)}）
            </>,
            <Badge variant="light">{label('caseStatus', r.status)}</Badge>,
            r.appliedOn,
            r.kinNote ?? '',
          ]}
        />
      )}
      <Pager listing={l} total={kin.data?.total} />
    </Stack>
  );
}

export function RulesPage() {
  return (
    <TabbedPage
      title="规则与时限"
      tabs={[
        ['deadlines', '办理时限与复核周期', <DeadlinesTab />],
        ['rules', '互斥规则', <RulesTab />],
        ['kin', '近亲属备案', <KinTab />],
      ]}
    />
  );
}
