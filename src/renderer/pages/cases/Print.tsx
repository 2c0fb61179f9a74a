// Printable sheets: the payment roll by village, the 公示 list per village (name, household size, amount — never ID
// numbers), and a case's approval form (审核确认表). The screen shows the sheet; 打印 prints only the sheet (print.css).
import { Alert, Button, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { PublicitySheet } from '../../../shared/api/cases';
import { label } from '../../../shared/labels';
import { useSession } from '../../lib/session';
import { useCall } from '../../lib/useCall';
import './print.css';
import { StepsTable } from './CasePanel';
import { catLabel, thisMonthCn, yuan } from './common';
import { VillageFilter } from '../../lib/listing';
import { choices } from '../../lib/form';

function PrintBar(props: { children?: React.ReactNode; back: string }) {
  return (
    <Group className="no-print" justify="space-between">
      <Group>{props.children}</Group>
      <Group>
        <Button variant="default" component="a" href={`#${props.back}`}>
          返回
        </Button>
        <Button onClick={() => window.print()}>打印</Button>
      </Group>
    </Group>
  );
}

export function PrintRoll({ params }: { params: Record<string, string> }) {
  const month = params.month ?? thisMonthCn();
  const q = useCall('rolls.printable', { month });
  const r = q.data;
  return (
    <Stack>
      <PrintBar back={`/cases/rolls/${month}`} />
      {q.error && <Alert color="red">{q.error.message}</Alert>}
      {!r && !q.error && <Loader />}
      {r && (
        <div className="print-sheet">
          {r.villages.map((v) => (
            <div className="print-village" key={v.villageName}>
              <h2>
                {r.township} {r.month} 社会救助资金发放花名册
              </h2>
              <Text size="sm">
                村(社区)：{v.villageName}
                {'\u3000'}状态：{r.status === 'confirmed' ? '已审核确认' : '草稿（未确认）'}
                {'\u3000'}本页 {v.lines.length} 条，{v.persons} 人，合计 {yuan(v.totalFen)}
              </Text>
              <table>
                <thead>
                  <tr>
                    <th>序号</th>
                    <th>领款人</th>
                    <th>身份证号</th>
                    <th>类别</th>
                    <th>人数</th>
                    <th>基本金</th>
                    <th>施保/护理金</th>
                    <th>发放金额</th>
                    <th>账号</th>
                    <th>签领</th>
                  </tr>
                </thead>
                <tbody>
                  {v.lines.map((l) => (
                    <tr key={l.caseId}>
                      <td>{l.seq}</td>
                      <td>{l.payeeName}</td>
                      <td>{l.idNumberMasked ?? ''}</td>
                      <td>
                        {catLabel(l.category)}（{label('area', l.area)}）
                      </td>
                      <td>{l.persons}</td>
                      <td>{yuan(l.baseFen)}</td>
                      <td>{yuan(l.supplementFen)}</td>
                      <td>{yuan(l.amountFen)}</td>
                      <td>{l.bankAccountMasked ?? ''}</td>
                      <td style={{ width: 70 }} />
                    </tr>
                  ))}
                </tbody>
              </table>
              <Text size="sm" mt="xs">
                制表：{r.generatedByName}
                {'\u3000'}审核：{r.confirmedByName ?? '＿＿＿＿'}
                {'\u3000'}村(居)委负责人：＿＿＿＿
              </Text>
            </div>
          ))}
          <Text fw={700}>
            全镇合计：{r.persons} 人，{yuan(r.totalFen)}
          </Text>
        </div>
      )}
    </Stack>
  );
}

export function PublicityList() {
  const { township } = useSession();
  const [kind, setKind] = useState<'publicizing' | 'approved'>('publicizing');
  const [month, setMonth] = useState(thisMonthCn());
  const [villageId, setVillageId] = useState<string | null>(null);
  const q = useCall('cases.publicitySheet', {
    kind,
    month: kind === 'approved' ? month : undefined,
    villageId: villageId ?? undefined,
  });
  return (
    <Stack>
      <Title order={2} className="no-print">
        公示名单
      </Title>
      <PrintBar back="/cases/households">
        <Select
          label="公示内容"
          data={choices({ publicizing: '正在公示的申请对象', approved: '某月审核确认的对象' })}
          value={kind}
          onChange={(v) => setKind(v === 'approved' ? 'approved' : 'publicizing')}
          allowDeselect={false}
          w={220}
        />
        {kind === 'approved' && (
          <TextInput type="month" label="确认月份" value={month} onChange={(e) => setMonth(e.currentTarget.value)} />
        )}
        <VillageFilter active value={villageId} onChange={setVillageId} w={220} placeholder="全部" />
      </PrintBar>
      {q.error && <Alert color="red">{q.error.message}</Alert>}
      {q.data?.length === 0 && <Text c="dimmed">没有需要公示的对象</Text>}
      <div className="print-sheet">
        {(q.data ?? []).map((sheet) => (
          <div className="print-village" key={sheet.villageName}>
            <h2>
              {township?.name ?? ''}
              {sheet.villageName}
              {kind === 'approved' ? `${month} 社会救助对象公示名单` : ' 社会救助申请对象公示名单'}
            </h2>
            <table aria-label={`${sheet.villageName}公示名单`}>
              <thead>
                <tr>
                  <th>序号</th>
                  <th>姓名</th>
                  <th>救助类别</th>
                  <th>家庭人口</th>
                  <th>保障人数</th>
                  <th>{kind === 'approved' ? '保障金额（元/月）' : '拟保障金额（元/月）'}</th>
                </tr>
              </thead>
              <tbody>
                {sheet.rows.map((r, i) => (
                  <tr key={i}>
                    <td>{i + 1}</td>
                    <td>{r.name}</td>
                    <td>{catLabel(r.category)}</td>
                    <td>{r.householdSize}</td>
                    <td>{r.coveredPersons}</td>
                    <td>{r.amountFen === null ? '' : yuan(r.amountFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Text size="sm" mt="xs">
              公示期间如有异议，请向乡镇(街道)民政办反映。监督电话：＿＿＿＿＿＿{'\u3000'}
              {publicityDates(sheet.rows)}
            </Text>
          </div>
        ))}
      </div>
    </Stack>
  );
}

const dateCn = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** 公示日期 from the cases (one range, or each case's where they differ); blanks to fill by hand when there is none. */
function publicityDates(rows: PublicitySheet['rows']): string {
  const ranges = [
    ...new Set(
      rows
        .filter((r) => r.publicityStartOn && r.publicityEndsOn)
        .map((r) => `${dateCn(r.publicityStartOn!)}至${dateCn(r.publicityEndsOn!)}`),
    ),
  ];
  if (ranges.length === 0) return '公示日期：＿＿＿＿年＿＿月＿＿日至＿＿月＿＿日';
  if (ranges.length === 1) return `公示日期：${ranges[0]}`;
  return `公示日期：${rows
    .filter((r) => r.publicityStartOn && r.publicityEndsOn)
    .map((r) => `${r.name} ${dateCn(r.publicityStartOn!)}至${dateCn(r.publicityEndsOn!)}`)
    .join('；')}`;
}

export function ApprovalForm({ params }: { params: Record<string, string> }) {
  const { township } = useSession();
  const id = params.id ?? '';
  const c = useCall('cases.get', { id });
  const h = useCall('households.get', { id: c.data?.householdId ?? '' }, { skip: !c.data });
  const calc = useCall('cases.computeAmount', { id }, { skip: !c.data || c.data.category === 'linshi' });
  if (c.error) return <Alert color="red">{c.error.message}</Alert>;
  if (!c.data || !h.data) return <Loader />;
  const k = c.data;
  const hh = h.data.household;
  return (
    <Stack>
      <PrintBar back={`/cases/households/${k.householdId}`} />
      <div className="print-sheet">
        <h1>{catLabel(k.category)}审核确认表</h1>
        <Text size="sm">
          {township?.path ?? ''}
          {'\u3000'}编号：{k.caseNo ?? '＿＿＿＿'}
        </Text>
        <table>
          <tbody>
            <tr>
              <th>申请人</th>
              <td>{k.name}</td>
              <th>村(社区)</th>
              <td>{k.villageName}</td>
              <th>城乡</th>
              <td>{label('area', k.area)}</td>
            </tr>
            <tr>
              <th>家庭人口</th>
              <td>{hh.size}</td>
              <th>保障人数</th>
              <td>{k.coveredPersons}</td>
              <th>住址</th>
              <td>{hh.address ?? ''}</td>
            </tr>
            <tr>
              <th>家庭年收入</th>
              <td>{yuan(hh.annualIncomeFen)}</td>
              <th>月人均收入</th>
              <td>{yuan(hh.perCapitaMonthlyIncomeFen)}</td>
              <th>申请日期</th>
              <td>{k.appliedOn}</td>
            </tr>
          </tbody>
        </table>
        <h2>家庭成员</h2>
        <table>
          <thead>
            <tr>
              <th>姓名</th>
              <th>关系</th>
              <th>身份证号</th>
              <th>年龄</th>
              <th>健康</th>
              <th>残疾</th>
              <th>劳动能力</th>
            </tr>
          </thead>
          <tbody>
            {h.data.members.map((m) => (
              <tr key={m.memberId}>
                <td>{m.name}</td>
                <td>{m.relation}</td>
                <td>{m.idNumberMasked ?? ''}</td>
                <td>{m.age ?? ''}</td>
                <td>{label('health', m.health)}</td>
                <td>{m.disabilityType ? `${m.disabilityType}${m.disabilityGrade ?? ''}级` : ''}</td>
                <td>{label('labourCapacity', m.labourCapacity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>办理经过</h2>
        <StepsTable c={k} />
        <h2>保障金额</h2>
        {k.category === 'linshi' ? (
          <Text>救助金额：{yuan(k.grantAmountFen)}</Text>
        ) : calc.data ? (
          <div>
            <Text>
              按标准计算每月 {yuan(calc.data.amountFen)}
              {k.monthlyAmountFen !== null ? `；核定每月 ${yuan(k.monthlyAmountFen)}` : ''}
            </Text>
            {calc.data.explain.map((l, i) => (
              <Text size="sm" key={i}>
                {l}
              </Text>
            ))}
          </div>
        ) : (
          <Text c="dimmed">{calc.error?.message ?? '正在计算…'}</Text>
        )}
        <Text mt="lg">
          经办人：＿＿＿＿{'\u3000'}
          {'\u3000'}审核人：＿＿＿＿{'\u3000'}
          {'\u3000'}负责人：＿＿＿＿{'\u3000'}
          {'\u3000'}（盖章）{'\u3000'}
          {'\u3000'}＿＿＿＿年＿＿月＿＿日
        </Text>
      </div>
    </Stack>
  );
}
