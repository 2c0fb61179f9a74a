// 物资与慈善: the goods register (stock, 入库, 出库, history) and the year's charity aid; the household page shows a
// household's goods, services and charity aid (HouseholdAid).
import { Anchor, Badge, Button, Group, NumberInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { GoodsStockRow } from '../../../shared/api/aid';
import { thisYear, today } from '../../../shared/time';
import {
  CallDialog,
  choices,
  DateField,
  MoneyField,
  NumberField,
  SelectField,
  SwitchField,
  TextField,
} from '../../lib/form';
import type { RouteDef } from '../../lib/route';
import { useCall } from '../../lib/useCall';
import { DataTable } from '../../components/DataTable';
import { TabbedPage } from '../../components/TabSet';

const yuan = (fen: number) =>
  (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const MOVE: Record<string, string> = {
  in_purchase: '采购入库',
  in_donation: '捐赠入库',
  out_grant: '发放给家庭',
  out_other: '其他出库',
};
const SOURCE: Record<string, string> = {
  charity_federation: '慈善总会',
  community_fund: '社区慈善基金',
  enterprise: '企业',
  individual: '个人',
  other: '其他',
};
/** Items that can still be issued, with their stock in the label. */
const inStock = (rows: GoodsStockRow[] | undefined) =>
  (rows ?? [])
    .filter((s) => s.stock > 0)
    .map((s) => ({ value: s.itemId, label: `${s.name}（库存 ${s.stock} ${s.unit}）` }));
function Goods() {
  const stock = useCall('goods.stock', {});
  const moves = useCall('goods.moves', { offset: 0, limit: 100 });
  const [dialog, setDialog] = useState<'in' | 'out' | null>(null);
  const done = () => {
    setDialog(null);
    stock.reload();
    moves.reload();
  };
  const closing = { onClose: () => setDialog(null), onDone: done };
  return (
    <Stack>
      <Group>
        <Button onClick={() => setDialog('in')}>入库</Button>
        <Button
          variant="default"
          onClick={() => setDialog('out')}
          disabled={(stock.data ?? []).every((s) => s.stock === 0)}
        >
          出库
        </Button>
      </Group>
      <Title order={4}>库存</Title>
      <DataTable
        withTableBorder
        striped
        head={['物资', '库存', '折合金额（元）']}
        rows={stock.data}
        rowKey={(s) => s.itemId}
        cells={(s) => [
          s.name,
          <>
            {s.stock} {s.unit}
          </>,
          yuan(s.valueFen),
        ]}
      />
      <Title order={4}>出入库记录</Title>
      <DataTable
        withTableBorder
        striped
        head={['日期', '类型', '物资', '数量', '金额（元）', '来源/去向']}
        rows={moves.data?.rows}
        rowKey={(m) => m.id}
        rowProps={(m) => ({ c: m.voided ? 'dimmed' : undefined })}
        cells={(m) => [
          m.onDate,
          <>
            {MOVE[m.kind]} {m.voided && <Badge color="gray">已作废</Badge>}
          </>,
          m.itemName,
          <>
            {m.quantity} {m.unit}
          </>,
          yuan(m.valueFen),
          m.householdId ? (
            <Anchor href={`#/cases/households/${m.householdId}`}>{m.householdHead ?? '家庭'}</Anchor>
          ) : (
            m.source
          ),
        ]}
      />
      {dialog === 'in' && (
        <CallDialog
          method="goods.receive"
          title="物资入库"
          initial={{
            itemName: '',
            unit: '',
            kind: 'in_donation',
            quantity: 1,
            unitValueFen: 0,
            onDate: today(),
            source: '',
          }}
          done="已入库"
          {...closing}
        >
          <SimpleGrid cols={2}>
            <TextField path="itemName" label="物资名称" required />
            <TextField path="unit" label="计量单位（袋、件、箱…）" required />
            <SelectField
              path="kind"
              label="来源"
              data={choices({ in_purchase: '采购', in_donation: '捐赠' })}
              required
            />
            <TextField path="source" label="供货单位或捐赠方" required />
            <NumberField path="quantity" label="数量" required />
            <MoneyField path="unitValueFen" label="单价（元）" required />
            <DateField path="onDate" label="入库日期" required />
          </SimpleGrid>
        </CallDialog>
      )}
      {dialog === 'out' && (
        <CallDialog
          method="goods.issue"
          title="物资出库"
          initial={{ itemId: null, kind: 'out_other', quantity: 1, onDate: today(), source: '' }}
          done="已出库"
          {...closing}
        >
          <SimpleGrid cols={2}>
            <SelectField path="itemId" label="物资" data={inStock(stock.data)} required />
            <NumberField path="quantity" label="数量" required />
            <TextField path="source" label="用途" required />
            <DateField path="onDate" label="出库日期" required />
            <Text size="sm" c="dimmed">
              发放给困难家庭的物资，请在该家庭页面的“物资与慈善”中登记，以便计入救助。
            </Text>
          </SimpleGrid>
        </CallDialog>
      )}
    </Stack>
  );
}

function CharityYearView() {
  const [year, setYear] = useState<number | string>(thisYear());
  const data = useCall('charity.year', { year: Number(year) || thisYear() });
  const rule = useCall('charity.rule', {});
  const y = data.data;
  return (
    <Stack>
      <Group align="flex-end">
        <NumberInput label="年度" value={year} onChange={setYear} w={120} min={2000} max={2100} />
        {rule.data && (
          <Text size="sm" c="dimmed">
            收入认定规则：单笔
            {rule.data.exemptBelowFen > 0 ? `低于 ${yuan(rule.data.exemptBelowFen)} 元的不计入` : '均计入'}
            家庭收入（接受捐赠收入属转移性收入，本地另有规定的从其规定）。慈善帮扶不计入政府救助统计。
          </Text>
        )}
      </Group>
      <Table withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>村(社区)</Table.Th>
            <Table.Th>户主</Table.Th>
            <Table.Th>次数</Table.Th>
            <Table.Th>现金（元）</Table.Th>
            <Table.Th>物资折价（元）</Table.Th>
            <Table.Th>计入收入（元）</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(y?.rows ?? []).map((r) => (
            <Table.Tr key={r.householdId}>
              <Table.Td>{r.villageName}</Table.Td>
              <Table.Td>
                <Anchor href={`#/cases/households/${r.householdId}`}>{r.householdHead}</Anchor>
              </Table.Td>
              <Table.Td>{r.count}</Table.Td>
              <Table.Td>{yuan(r.cashFen)}</Table.Td>
              <Table.Td>{yuan(r.goodsFen)}</Table.Td>
              <Table.Td>{yuan(r.incomeFen)}</Table.Td>
            </Table.Tr>
          ))}
          {y && (
            <Table.Tr fw={700}>
              <Table.Td colSpan={3}>合计</Table.Td>
              <Table.Td>{yuan(y.totalCashFen)}</Table.Td>
              <Table.Td>{yuan(y.totalGoodsFen)}</Table.Td>
              <Table.Td>{yuan(y.totalIncomeFen)}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function AidPage() {
  return (
    <TabbedPage
      title="物资与慈善帮扶"
      tabs={[
        ['goods', '救助物资', <Goods />],
        ['charity', '慈善帮扶年度汇总', <CharityYearView />],
      ]}
    />
  );
}

/** On the household page: goods and services received, and charity aid (with the income decision). */
export function HouseholdAid(props: { householdId: string; cases: { id: string; label: string }[] }) {
  const aid = useCall('aid.household', { householdId: props.householdId });
  const stock = useCall('goods.stock', {});
  const [dialog, setDialog] = useState<'goods' | 'service' | 'charity' | null>(null);
  const done = () => {
    setDialog(null);
    aid.reload();
    stock.reload();
  };
  const a = aid.data;
  // What every dialog here starts from, and how it ends.
  const own = { householdId: props.householdId, onDate: today() };
  const closing = { onClose: () => setDialog(null), onDone: done };
  return (
    <Stack gap="xs">
      <Group>
        <Title order={4}>物资、服务与慈善帮扶</Title>
        <Button size="xs" variant="default" onClick={() => setDialog('goods')}>
          发放物资
        </Button>
        <Button size="xs" variant="default" onClick={() => setDialog('service')}>
          登记服务
        </Button>
        <Button size="xs" variant="default" onClick={() => setDialog('charity')}>
          登记慈善帮扶
        </Button>
      </Group>
      {a && a.goods.length + a.services.length + a.charity.length === 0 && <Text c="dimmed">暂无记录。</Text>}
      {a?.goods.map((g) => (
        <Text size="sm" key={g.id}>
          {g.onDate} 物资：{g.itemName} {g.quantity} {g.unit}（折价 {yuan(g.valueFen)} 元）
          {g.voided ? '（已作废）' : ''}
        </Text>
      ))}
      {a?.services.map((s) => (
        <Text size="sm" key={s.id}>
          {s.onDate} 服务：{s.service}，{s.provider}，{s.hours} 小时
        </Text>
      ))}
      {a?.charity.map((ch) => (
        <Text size="sm" key={ch.id} c={ch.voided ? 'dimmed' : undefined}>
          {ch.onDate} 慈善帮扶：{ch.sourceName}（{SOURCE[ch.sourceKind]}），{ch.form === 'cash' ? '现金' : '物资'}{' '}
          {yuan(ch.amountFen)} 元，
          {ch.countsAsIncome ? '计入家庭收入' : '不计入家庭收入'}
          {ch.voided ? '（已作废）' : ''}
        </Text>
      ))}
      {dialog === 'goods' && (
        <CallDialog
          method="goods.issue"
          title="向本户发放物资"
          initial={{ ...own, itemId: null, kind: 'out_grant', quantity: 1, caseId: null }}
          done="已发放并出库"
          {...closing}
        >
          <SimpleGrid cols={2}>
            <SelectField path="itemId" label="物资" data={inStock(stock.data)} required />
            <NumberField path="quantity" label="数量" required />
            <SelectField
              path="caseId"
              label="所属救助（如临时救助）"
              data={props.cases.map((x) => ({ value: x.id, label: x.label }))}
              clearable
            />
            <DateField path="onDate" label="发放日期" required />
          </SimpleGrid>
        </CallDialog>
      )}
      {dialog === 'service' && (
        <CallDialog
          method="services.add"
          title="登记服务类救助"
          initial={{ ...own, service: '', provider: '', hours: 1, valueFen: 0 }}
          done="已登记"
          {...closing}
        >
          <SimpleGrid cols={2}>
            <TextField path="service" label="服务内容（照料、心理疏导、转介…）" required />
            <TextField path="provider" label="服务提供方" required />
            <NumberField path="hours" label="时长（小时）" required />
            <MoneyField path="valueFen" label="折合金额（元）" />
            <DateField path="onDate" label="服务日期" required />
          </SimpleGrid>
        </CallDialog>
      )}
      {dialog === 'charity' && (
        <CallDialog
          method="charity.add"
          title="登记慈善帮扶"
          initial={{
            ...own,
            sourceKind: 'community_fund',
            sourceName: '',
            form: 'cash',
            amountFen: 0,
            referralConsent: false,
          }}
          done={(v) => (v.countsAsIncome ? '已登记（按规定计入家庭收入）' : '已登记（按规定不计入家庭收入）')}
          {...closing}
        >
          <SimpleGrid cols={2}>
            <SelectField path="sourceKind" label="来源类型" data={choices(SOURCE)} required />
            <TextField path="sourceName" label="帮扶来源（如：某某社区慈善基金）" required />
            <SelectField path="form" label="形式" data={choices({ cash: '现金', goods: '物资' })} required />
            <MoneyField path="amountFen" label="金额或折价（元）" required />
            <DateField path="onDate" label="帮扶日期" required />
            <SwitchField path="referralConsent" label="本户同意向慈善组织提供其信息" />
          </SimpleGrid>
        </CallDialog>
      )}
    </Stack>
  );
}

export { nav } from './nav';
export const routes: RouteDef[] = [{ path: '/aid', component: AidPage }];
