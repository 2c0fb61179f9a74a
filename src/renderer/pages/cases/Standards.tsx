// 保障标准: the dated standards per category and area (they change every year; a new one never rewrites approved
// amounts — the proposals it makes are confirmed case by case), and the 临时救助备用金 balance.
import { Alert, Button, Checkbox, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { StandardEntry } from '../../../shared/api/cases';
import { label, labelOptions } from '../../../shared/labels';
import { call } from '../../api';
import { notifyError, notifyOk } from '../../lib/notify';
import { canReview, useSession } from '../../lib/session';
import type { Wiring } from '../../lib/actions';
import { useCall } from '../../lib/useCall';
import {
  CallDialog,
  choices,
  getIn,
  MoneyField,
  MonthField,
  SelectField,
  setIn,
  TextField,
  type Values,
} from '../../lib/form';
import { catLabel, shiftMonth, thisMonthCn, yuan } from './common';
import { DataTable } from '../../components/DataTable';

type Cat = StandardEntry['category'];

const MONEY: Record<Cat, [string, string][]> = {
  dibao: [
    ['standardFen', '低保标准（元/人·月）'],
    ['supplements.elderlyFen', '老年人施保金'],
    ['supplements.minorFen', '未成年人施保金'],
    ['supplements.severeDisabilityFen', '重度残疾人施保金'],
    ['supplements.seriousIllnessFen', '重病患者施保金'],
  ],
  tekun: [
    ['basicFen', '基本生活标准（元/月）'],
    ['careFen.full', '全护理标准'],
    ['careFen.partial', '半护理标准'],
    ['careFen.none', '全自理标准'],
  ],
  bianyuan: [['monthlyFen', '月标准（元/人）']],
  gangxing: [['monthlyFen', '月标准（元/人）']],
  canji_living: [['monthlyFen', '月标准（元/人）']],
  canji_care: [
    ['grade1Fen', '一级（元/月）'],
    ['grade2Fen', '二级（元/月）'],
    ['otherFen', '其他等级（元/月）'],
  ],
  guer: [
    ['centralizedFen', '集中养育（元/月）'],
    ['dispersedFen', '社会散居（元/月）'],
  ],
  wurenfuyang: [['monthlyFen', '月标准（元/人）']],
};

const CATS = labelOptions('caseCategory').filter((o) => o.value !== 'linshi');

export function describeStandard(s: StandardEntry): string {
  const parts: string[] = [];
  for (const [path, l] of MONEY[s.category]) {
    const v = path
      .split('.')
      .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), s);
    if (typeof v === 'number') parts.push(`${l.replace(/（.*）/, '')} ${yuan(v)}`);
  }
  if (s.method) parts.push(s.method === 'band' ? '分档发放' : '差额发放');
  return parts.join('；');
}

function AddStandard(wiring: Wiring) {
  return (
    <CallDialog
      method="standards.put"
      title="新增保障标准"
      // 施保金 default to 0 (issue 20): a township without a category's supplement need not type it.
      initial={{
        category: 'dibao',
        area: 'rural',
        effectiveMonth: thisMonthCn(),
        method: 'gap',
        money: { supplements: { elderlyFen: 0, minorFen: 0, severeDisabilityFen: 0, seriousIllnessFen: 0 } },
      }}
      prepare={(v, errors) => {
        const cat = v.category as Cat;
        let input: Values = { category: cat, area: v.area, effectiveMonth: v.effectiveMonth };
        if (cat === 'dibao') input.method = v.method;
        for (const [path] of MONEY[cat] ?? []) {
          const fen = getIn(v.money, path);
          if (fen === undefined) errors[path] = '请填写';
          else input = setIn(input, path, fen);
        }
        return input;
      }}
      done="已新增标准；已核定的金额不会自动改变，请在“标准调整”中逐户确认"
      {...wiring}
    >
      {(form) => {
        const cat = form.get('category') as Cat;
        return (
          <>
            <SimpleGrid cols={3}>
              <SelectField path="category" label="类别" data={CATS} required />
              <SelectField path="area" label="城乡" data={labelOptions('area')} required />
              <MonthField path="effectiveMonth" label="起始月份" required />
            </SimpleGrid>
            {cat === 'dibao' && (
              <SelectField
                path="method"
                label="发放方式"
                data={choices({ gap: '差额发放（标准 − 月人均收入）', band: '分档发放' })}
                required
              />
            )}
            <SimpleGrid cols={2}>
              {(MONEY[cat] ?? []).map(([path, l]) => (
                <MoneyField key={`${cat}-${path}`} path={`money.${path}`} errorPath={path} label={l} required />
              ))}
            </SimpleGrid>
          </>
        );
      }}
    </CallDialog>
  );
}

function Proposals() {
  const [month, setMonth] = useState(thisMonthCn());
  const q = useCall('standards.propose', { month });
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const rows = q.data ?? [];
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <Text fw={600}>标准调整（新标准建议的金额，确认后生效）</Text>
        <input
          type="month"
          aria-label="调整月份"
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value || shiftMonth(thisMonthCn(), 0))}
        />
        <Button
          size="xs"
          disabled={picked.size === 0}
          onClick={() =>
            void call('standards.confirm', {
              month,
              items: rows
                .filter((r) => picked.has(r.caseId))
                .map((r) => ({ caseId: r.caseId, caseVersion: r.caseVersion })),
            }).then(
              (r) => {
                notifyOk(`已确认 ${r.confirmed} 户的调整`);
                setPicked(new Set());
                q.reload();
              },
              (e: unknown) => notifyError(e),
            )
          }
        >
          确认所选调整
        </Button>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {month} 没有需要按新标准调整的对象
        </Text>
      ) : (
        <DataTable
          withTableBorder
          aria-label="标准调整"
          head={['', '对象', '村(社区)', '类别', '现金额', '新标准金额']}
          rows={rows}
          rowKey={(r) => r.caseId}
          cells={(r) => [
            <>
              <Checkbox
                aria-label={`选择${r.name ?? ''}`}
                checked={picked.has(r.caseId)}
                onChange={(e) => {
                  const next = new Set(picked);
                  if (e.currentTarget.checked) next.add(r.caseId);
                  else next.delete(r.caseId);
                  setPicked(next);
                }}
              />
            </>,
            r.name,
            r.villageName,
            catLabel(r.category),
            yuan(r.currentFen),
            yuan(r.proposedFen),
          ]}
        />
      )}
    </Stack>
  );
}

function Reserve() {
  const { user } = useSession();
  const q = useCall('reserve.get', {});
  const [open, setOpen] = useState(false);
  return (
    <Group>
      <Text>临时救助备用金余额：{q.data ? yuan(q.data.balanceFen) : '…'}</Text>
      {canReview(user) && (
        <Button size="xs" variant="light" onClick={() => setOpen(true)}>
          拨付备用金
        </Button>
      )}
      {open && (
        <CallDialog
          method="reserve.topUp"
          title="拨付临时救助备用金"
          initial={{ amountFen: undefined, reason: '' }}
          prepare={(v) => ({ ...v, version: q.data?.version ?? 0 })}
          done="已拨付"
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            q.reload();
          }}
        >
          <MoneyField path="amountFen" label="拨付金额" required />
          <TextField path="reason" label="依据/原因" required />
        </CallDialog>
      )}
    </Group>
  );
}

export function StandardsPage() {
  const { user } = useSession();
  const q = useCall('standards.list', {});
  const [adding, setAdding] = useState(false);
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>保障标准</Title>
        {canReview(user) && <Button onClick={() => setAdding(true)}>新增标准</Button>}
      </Group>
      {!canReview(user) && <Alert color="gray">标准由审核人或管理员录入；经办人可查看并确认按新标准调整的金额。</Alert>}
      <DataTable
        striped
        withTableBorder
        aria-label="保障标准"
        head={['类别', '城乡', '起始月份', '标准', '录入']}
        rows={q.data}
        rowKey={(s) => s.id}
        cells={(s) => [
          catLabel(s.category),
          label('area', s.area),
          s.effectiveMonth,
          describeStandard(s),
          s.createdByName,
        ]}
      />
      {q.data?.length === 0 && <Text c="dimmed">尚未录入标准：没有标准时无法核定保障金额。</Text>}
      <Reserve />
      <Proposals />
      {adding && (
        <AddStandard
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            q.reload();
          }}
        />
      )}
    </Stack>
  );
}
