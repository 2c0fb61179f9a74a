// 特殊困难老年人 register: filters, paging (ID numbers masked), and the registration form.
import { Anchor, Badge, Button, Group, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import {
  ELDERLY_CATEGORIES,
  type ElderlySummary,
  type ElderlyView,
  type RiskLevelValue,
} from '../../../shared/api/stations';
import { label, labelOptions } from '../../../shared/labels';
import { navigate } from '../../lib/router';
import { useCall } from '../../lib/useCall';
import { DueDate, searchText, useListing, useVillageOptions, PagedTable } from '../../lib/listing';
import {
  CallDialog,
  CheckGroupField,
  choices,
  DateField,
  dropBlank,
  IdNumberField,
  SelectField,
  TextAreaField,
  TextField,
  textsOf,
} from '../../lib/form';
import { todayCn } from './format';

const riskColor: Record<RiskLevelValue, string> = { high: 'red', key: 'orange', general: 'blue' };

export function RiskBadge(props: { level: RiskLevelValue; size?: string }) {
  return (
    <Badge color={riskColor[props.level]} size={props.size} variant="light">
      {label('riskLevel', props.level)}
    </Badge>
  );
}

export function DueCell(props: { p: ElderlySummary }) {
  return <DueDate on={props.p.nextDueOn} overdue={props.p.nextDueOn !== null && props.p.overdue} />;
}

/** Registration, or editing an entry (the ID number is then only typed to correct it). */
export function ElderlyForm(props: { person?: ElderlyView; onClose: () => void; onSaved: (p: ElderlyView) => void }) {
  const villages = useVillageOptions();
  const p = props.person;
  return (
    <CallDialog
      method={p ? 'elderly.update' : 'elderly.register'}
      title={p ? `编辑登记信息：${p.name}` : '登记特殊困难老年人'}
      size="xl"
      submitLabel={p ? '保存' : '登记'}
      initial={{
        ...(p ? { id: p.id, version: p.version, reason: '' } : { idNumber: '', registeredOn: todayCn() }),
        ...textsOf(p, ['name', 'address', 'phone', 'contactName', 'contactPhone', 'remark']),
        villageId: p?.villageId ?? null,
        categories: p?.categories ?? [],
        riskLevel: p?.riskLevel ?? null,
      }}
      // A blank correction leaves the ID number as it is.
      prepare={(v) => (p ? dropBlank(v, ['idNumber']) : v)}
      done={(saved) =>
        p ? '登记信息已保存' : saved.inCaseLedger ? `已登记${saved.name}（已关联救助台账）` : `已登记${saved.name}`
      }
      onClose={props.onClose}
      onDone={props.onSaved}
    >
      <SimpleGrid cols={2}>
        <TextField path="name" label="姓名" required />
        {p ? (
          <IdNumberField path="idNumber" label="更正身份证号码（不更正请留空）" placeholder={p.idNumberMasked} />
        ) : (
          <IdNumberField path="idNumber" required />
        )}
        <SelectField path="villageId" label="村(社区)" required data={villages} />
        <TextField path="address" label="住址" />
        <TextField path="phone" label="本人电话" />
        <SelectField path="riskLevel" label="风险等级" required data={labelOptions('riskLevel')} />
        <TextField path="contactName" label="赡养人/紧急联系人" />
        <TextField path="contactPhone" label="联系人电话" />
        {p ? <TextField path="reason" label="修改原因" /> : <DateField path="registeredOn" label="登记日期" required />}
      </SimpleGrid>
      <CheckGroupField path="categories" label="类别（可多选）" required data={labelOptions('elderlyCategory')} />
      <TextAreaField path="remark" label="备注" />
    </CallDialog>
  );
}

export function ElderlyList() {
  const villages = useVillageOptions();
  const l = useListing({
    villageId: null as string | null,
    risk: null as string | null,
    category: null as string | null,
    status: 'active' as 'active' | 'ended',
    q: '',
  });
  const { villageId, risk, category, status } = l.filters;
  const [registering, setRegistering] = useState(false);
  const list = useCall('elderly.list', {
    ...l.paging,
    status,
    ...(villageId ? { villageId } : {}),
    ...(risk ? { riskLevel: risk as RiskLevelValue } : {}),
    ...(category ? { category: category as (typeof ELDERLY_CATEGORIES)[number] } : {}),
    ...searchText(l.filters.q),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>特殊困难老年人</Title>
        <Group>
          <Button variant="light" onClick={() => navigate('/stations/visits')}>
            探访工作单
          </Button>
          <Button onClick={() => setRegistering(true)}>登记</Button>
        </Group>
      </Group>
      <Group>
        <Select searchable data={villages} {...l.choice('villageId', '村(社区)筛选', '全部村(社区)')} />
        <Select data={labelOptions('riskLevel')} {...l.choice('risk', '风险等级筛选', '全部风险等级')} />
        <Select data={labelOptions('elderlyCategory')} {...l.choice('category', '类别筛选', '全部类别')} />
        <Select
          aria-label="在册状态"
          data={choices({ active: '在册', ended: '已退出' })}
          value={status}
          onChange={(v) => l.set('status', v === 'ended' ? 'ended' : 'active')}
        />
        <TextInput aria-label="搜索老人" placeholder="姓名或完整身份证号" {...l.text('q')} />
      </Group>
      <PagedTable
        listing={l}
        empty="没有符合条件的登记"
        highlightOnHover
        head={['姓名', '身份证号码', '年龄', '村(社区)', '类别', '风险等级', '上次探访', '应探访日期']}
        page={list.data}
        rowKey={(p) => p.id}
        cells={(p) => [
          <>
            <Anchor href={`#/stations/elderly/${p.id}`}>{p.name}</Anchor>
            {p.inCaseLedger && (
              <Badge ml="xs" size="xs" variant="outline">
                救助对象
              </Badge>
            )}
          </>,
          p.idNumberMasked,
          p.age,
          p.villageName,
          p.categories.map((c) => label('elderlyCategory', c)).join('、'),
          <RiskBadge level={p.riskLevel} />,
          p.lastVisitOn ?? '—',
          <DueCell p={p} />,
        ]}
      />
      {registering && (
        <ElderlyForm
          onClose={() => setRegistering(false)}
          onSaved={(p) => {
            setRegistering(false);
            navigate(`/stations/elderly/${p.id}`);
          }}
        />
      )}
    </Stack>
  );
}
