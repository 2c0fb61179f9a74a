// One person on the special-difficulty register: details (full ID number on request, journalled), visits, the
// visit form, leaving the register.
import { Alert, Badge, Button, Group, Loader, SimpleGrid, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { label } from '../../../shared/labels';
import { call } from '../../api';
import { notifyError } from '../../lib/notify';
import { useCall } from '../../lib/useCall';
import { useListing, PagedTable } from '../../lib/listing';
import { DueCell, ElderlyForm, RiskBadge } from './ElderlyList';
import { ServiceRecords } from './ServiceRecords';
import { VisitForm } from './VisitForm';
import { VoidCell } from './VoidButton';
import { DatedDialog } from '../../lib/form';
import { Info } from '../../components/Info';

export function ElderlyPerson(props: { params: Record<string, string> }) {
  const id = props.params.id ?? '';
  const person = useCall('elderly.get', { id });
  const l = useListing({});
  const visits = useCall('elderly.visits.list', { elderlyId: id, ...l.paging });
  const [fullId, setFullId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'visit' | 'end' | 'edit' | null>(null);
  const p = person.data;
  if (person.error) return <Alert color="red">{person.error.message}</Alert>;
  if (!p) return <Loader />;
  const saved = () => {
    setDialog(null);
    person.reload();
    visits.reload();
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Title order={2}>{p.name}</Title>
          <RiskBadge level={p.riskLevel} size="lg" />
          {p.status === 'ended' && (
            <Badge color="gray" size="lg">
              已退出
            </Badge>
          )}
          {p.overdue && (
            <Badge color="red" size="lg">
              探访逾期
            </Badge>
          )}
        </Group>
        {p.status === 'active' && (
          <Group>
            <Button onClick={() => setDialog('visit')}>登记探访</Button>
            <Button variant="default" onClick={() => setDialog('edit')}>
              编辑
            </Button>
            <Button
              color="red"
              variant="light"
              onClick={() => {
                setDialog('end');
              }}
            >
              退出登记
            </Button>
          </Group>
        )}
      </Group>
      <SimpleGrid cols={4}>
        <Info label="身份证号码">
          {fullId ?? p.idNumberMasked}{' '}
          {fullId === null && (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() =>
                void call('elderly.revealId', { id: p.id }).then((r) => setFullId(r.idNumber), notifyError)
              }
            >
              查看完整号码
            </Button>
          )}
        </Info>
        <Info label="性别/年龄">
          {label('sex', p.sex)} / {p.age} 岁
        </Info>
        <Info label="村(社区)">{p.villageName}</Info>
        <Info label="住址">{p.address}</Info>
        <Info label="类别">{p.categories.map((c) => label('elderlyCategory', c)).join('、')}</Info>
        <Info label="本人电话">{p.phone}</Info>
        <Info label="赡养人/紧急联系人">{p.contactName ? `${p.contactName} ${p.contactPhone ?? ''}` : null}</Info>
        <Info label="救助台账">
          {p.inCaseLedger ? p.caseCategories.join('、') || '已登记（当前无在保救助）' : '未登记'}
        </Info>
        <Info label="登记日期">{p.registeredOn}</Info>
        <Info label="上次探访">{p.lastVisitOn}</Info>
        <Info label="应探访日期">
          <DueCell p={p} />
        </Info>
        <Info label="退出">{p.endedOn ? `${p.endedOn}（${p.endReason ?? ''}）` : null}</Info>
      </SimpleGrid>
      <Title order={4}>探访记录（{visits.data?.total ?? 0} 次）</Title>
      <PagedTable
        listing={l}
        head={['日期', '方式', '探访人', '生活/安全/赡养情况', '发现问题', '转介/处置', '操作']}
        page={visits.data}
        rowKey={(v) => v.id}
        rowProps={(v) => ({ style: v.voided ? { textDecoration: 'line-through', color: 'gray' } : undefined })}
        cells={(v) => [
          v.visitedOn,
          label('visitWay', v.way),
          v.visitor,
          v.findings,
          v.problems ?? '—',
          v.referral ?? '—',
          <VoidCell row={v} method="elderly.visits.void" what={`${v.visitedOn} 的探访记录`} onDone={saved} />,
        ]}
      />
      <ServiceRecords elderlyId={p.id} active={p.status === 'active'} />
      {dialog === 'edit' && <ElderlyForm person={p} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog === 'visit' && <VisitForm person={p} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog === 'end' && (
        <DatedDialog
          method="elderly.end"
          title={`退出登记：${p.name}`}
          submitLabel="确认退出"
          record={p}
          date={['endedOn', '退出日期']}
          text={['reason', '退出原因（死亡、迁出、入住机构、不再符合条件等）']}
          done="已退出登记"
          onClose={() => setDialog(null)}
          onDone={saved}
        />
      )}
    </Stack>
  );
}
