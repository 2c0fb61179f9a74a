// One organization: its record, rating eligibility, and tabs for 年检, 评估等级, 换届, 登记事项 and 操作记录.
import { Attachments } from '../../components/Attachments';
import { Alert, Anchor, Badge, Button, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { formatYuan } from '../../../shared/money';
import type { InspectionView, OrgDetail, RatingView, TermView } from '../../../shared/api/orgs';
import { label } from '../../../shared/labels';
import { canReview, useSession } from '../../lib/session';
import { useCall } from '../../lib/useCall';
import {
  EventDialog,
  InspectionDialog,
  RatingDialog,
  RatingEndDialog,
  TermCompleteDialog,
  TermPostponeDialog,
  TermStartDialog,
} from './OrgDialogs';
import { EditModal } from './OrgForms';
import { statusColor, typeText } from './OrgList';
import { DataTable } from '../../components/DataTable';

type Dialog =
  | { kind: 'edit' | 'event' | 'rating' | 'termStart' }
  | { kind: 'inspection'; year: number; existing: InspectionView | null }
  | { kind: 'ratingEnd'; rating: RatingView }
  | { kind: 'termComplete' | 'termPostpone'; term: TermView }
  | null;

const dash = (v: ReactNode) => (v === null || v === undefined || v === '' ? '—' : v);

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table withColumnBorders variant="vertical" layout="fixed">
      <Table.Tbody>
        {Array.from({ length: Math.ceil(rows.length / 2) }, (_, i) => (
          <Table.Tr key={i}>
            {rows.slice(i * 2, i * 2 + 2).map(([k, v]) => (
              <FactCells key={k} k={k} v={v} />
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function FactCells({ k, v }: { k: string; v: ReactNode }) {
  return (
    <>
      <Table.Th w={150}>{k}</Table.Th>
      <Table.Td>{dash(v)}</Table.Td>
    </>
  );
}

function facts(d: OrgDetail): [string, ReactNode][] {
  const o = d.org;
  const party: [string, ReactNode] = ['党组织', `${o.partyOrg ? '已建立' : '未建立'}，党员 ${o.partyMembers} 人`];
  if (o.registry === 'registered') {
    return [
      ['统一社会信用代码', o.creditCode],
      ['登记证号', o.registrationNo],
      ['登记管理机关', o.authority],
      ['业务主管单位', o.supervisor ?? '无（直接登记）'],
      ['法定代表人', o.legalRep],
      ['住所', o.domicile],
      ['登记日期', o.registeredOn],
      ['成立日期', o.foundedOn],
      ['注册资金', o.capitalFen === null ? null : `${formatYuan(o.capitalFen)} 元`],
      ['会员数', o.members],
      ['每届年限', o.termYears ? `${o.termYears} 年` : null],
      party,
      ['宗旨', o.purpose],
      ['业务范围', o.scope],
      ['联系电话', o.phone],
      ['备注', o.note],
    ];
  }
  return [
    ['备案编号', o.filingNo],
    ['备案日期', o.filedOn],
    ['负责人', o.leader],
    ['负责人电话', o.leaderPhone],
    ['活动场所', o.venue],
    ['活动地域', o.area],
    ['指导单位', o.guideUnit],
    ['成员人数', o.members],
    ['活动资金', o.fundsFen === null ? null : `${formatYuan(o.fundsFen)} 元`],
    ['每届年限', o.termYears ? `${o.termYears} 年` : null],
    ['章程', o.charter],
    party,
    ['成立日期', o.foundedOn],
    ['备注', o.note],
  ];
}

export function OrgPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { user } = useSession();
  const detail = useCall('orgs.get', { id });
  const [dialog, setDialog] = useState<Dialog>(null);
  const d = detail.data;
  if (detail.error) return <Alert color="red">{detail.error.message}</Alert>;
  if (!d) return <Text>正在载入…</Text>;
  const o = d.org;
  const active = o.status !== 'revoked' && o.status !== 'deregistered';
  const registered = o.registry === 'registered';
  const rating = d.ratings.find((r) => r.endKind === null && r.expiresOn > (d.eligibility?.onDate ?? ''));
  const openTerm = d.terms.find((t) => t.status !== 'done');
  const close = () => setDialog(null);
  const saved = () => {
    setDialog(null);
    detail.reload();
  };
  const lastYear = Number((d.eligibility?.onDate ?? new Date().toISOString()).slice(0, 4)) - 1;
  /** A tab's button that opens a dialog to add to it (only while the organization is active). */
  const adds = (text: string, open: Dialog, shown = true) =>
    active &&
    shown && (
      <Button size="xs" mb="sm" onClick={() => setDialog(open)}>
        {text}
      </Button>
    );

  return (
    <Stack>
      <Anchor href="#/orgs/roster" size="sm">
        ← 社会组织名册
      </Anchor>
      <Group justify="space-between">
        <Group>
          <Title order={2}>{o.name}</Title>
          <Badge variant="light">{typeText(o)}</Badge>
          <Badge color={statusColor[o.status]}>{label('orgStatus', o.status)}</Badge>
          {rating && active && <Badge color="orange">{rating.grade}A</Badge>}
        </Group>
        {active && (
          <Group>
            <Button variant="default" onClick={() => setDialog({ kind: 'edit' })}>
              修改信息
            </Button>
            <Button variant="light" onClick={() => setDialog({ kind: 'event' })}>
              登记事项
            </Button>
          </Group>
        )}
      </Group>
      {!active && (
        <Alert color="gray" title={`已${label('orgStatus', o.status)}`}>
          {o.endedOn} · {o.endReason}
        </Alert>
      )}
      <Facts rows={facts(d)} />
      {registered && d.eligibility && active && (
        <Alert color={d.eligibility.eligible ? 'green' : 'gray'} title="等级评估申报资格（按今天）">
          {d.eligibility.eligible ? '符合申报条件' : d.eligibility.reasons.join('；')}
        </Alert>
      )}

      <Tabs defaultValue={registered ? 'inspections' : 'terms'} keepMounted={false}>
        <Tabs.List>
          {registered && <Tabs.Tab value="inspections">年检</Tabs.Tab>}
          {registered && <Tabs.Tab value="ratings">评估等级</Tabs.Tab>}
          <Tabs.Tab value="terms">换届</Tabs.Tab>
          <Tabs.Tab value="events">登记事项</Tabs.Tab>
          <Tabs.Tab value="history">操作记录</Tabs.Tab>
          <Tabs.Tab value="files">附件</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="inspections" pt="sm">
          {adds('录入年检', {
            kind: 'inspection',
            year: lastYear,
            existing: d.inspections.find((i) => i.year === lastYear && !i.voidedAt) ?? null,
          })}
          <DataTable
            aria-label="年检记录"
            head={['年度', '报业务主管单位', '报登记管理机关', '结论', '整改', '']}
            rows={d.inspections}
            rowKey={(i) => i.id}
            rowProps={(i) => ({ c: i.voidedAt ? 'dimmed' : undefined })}
            cells={(i) => [
              i.year,
              dash(i.supervisorSubmittedOn),
              dash(i.authoritySubmittedOn),
              i.voidedAt
                ? `已作废：${i.voidReason ?? ''}`
                : i.result
                  ? `${label('inspectionResult', i.result)}（${i.resultOn ?? ''}）`
                  : '待结论',
              i.rectification ? `${i.rectification}${i.rectifiedOn ? `，${i.rectifiedOn} 完成` : '，未完成'}` : '—',
              !i.voidedAt && active && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => setDialog({ kind: 'inspection', year: i.year, existing: i })}
                >
                  更新
                </Button>
              ),
            ]}
          />
        </Tabs.Panel>

        <Tabs.Panel value="ratings" pt="sm">
          {adds('录入评估等级', { kind: 'rating' })}
          <DataTable
            aria-label="评估等级"
            head={['等级', '评定日期', '有效期至', '证书/文件编号', '状态', '']}
            rows={d.ratings}
            rowKey={(r) => r.id}
            cells={(r) => [
              <>{r.grade}A</>,
              r.ratedOn,
              r.expiresOn,
              dash(r.certificateNo),
              r.endKind ? `${label('ratingEnd', r.endKind)}（${r.endedOn ?? ''}）` : '有效',
              !r.endKind && canReview(user) && (
                <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ kind: 'ratingEnd', rating: r })}>
                  降级/取消/作废
                </Button>
              ),
            ]}
          />
        </Tabs.Panel>

        <Tabs.Panel value="terms" pt="sm">
          {adds('录入本届任期', { kind: 'termStart' }, !openTerm)}
          {active && openTerm && (
            <Group mb="sm">
              <Button size="xs" onClick={() => setDialog({ kind: 'termComplete', term: openTerm })}>
                换届完成
              </Button>
              <Button size="xs" variant="light" onClick={() => setDialog({ kind: 'termPostpone', term: openTerm })}>
                延期换届
              </Button>
            </Group>
          )}
          <DataTable
            aria-label="换届"
            head={['届次', '开始日期', '任期', '应换届日期', '状态']}
            rows={d.terms}
            rowKey={(t) => t.id}
            cells={(t) => [
              <>第 {t.termNo} 届</>,
              t.startedOn,
              <>{t.termYears} 年</>,
              t.postponedTo ? `${t.postponedTo}（原定 ${t.dueOn}）` : t.dueOn,
              <>
                {label('termStatus', t.status)}
                {t.doneOn ? `（${t.doneOn}）` : ''}
                {t.postponeReason ? `：${t.postponeReason}` : ''}
              </>,
            ]}
          />
        </Tabs.Panel>

        <Tabs.Panel value="events" pt="sm">
          <DataTable
            aria-label="登记事项"
            head={['日期', '事项', '变更前', '变更后', '事由/内容', '文号', '经办']}
            rows={d.events}
            rowKey={(e) => e.id}
            cells={(e) => [
              e.occurredOn,
              label('orgEventKind', e.kind),
              dash(e.before ? label('orgStatus', e.before) : null),
              dash(e.after ? label('orgStatus', e.after) : null),
              dash(e.detail),
              dash(e.docNo),
              e.createdBy,
            ]}
          />
        </Tabs.Panel>

        <Tabs.Panel value="files" pt="sm">
          <Attachments entity="orgs" entityId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="sm">
          <Table aria-label="操作记录">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170}>时间</Table.Th>
                <Table.Th w={90}>操作人</Table.Th>
                <Table.Th>内容</Table.Th>
                <Table.Th>原因</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.history.map((h) => (
                <Table.Tr key={h.seq}>
                  <Table.Td>{new Date(h.at).toLocaleString('zh-CN', { hour12: false })}</Table.Td>
                  <Table.Td>{h.actor}</Table.Td>
                  <Table.Td>{h.summary}</Table.Td>
                  <Table.Td>{dash(h.reason)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>
      </Tabs>

      {dialog?.kind === 'edit' && <EditModal org={o} opened onClose={close} onSaved={saved} />}
      {dialog?.kind === 'event' && <EventDialog org={o} opened onClose={close} onSaved={saved} />}
      {dialog?.kind === 'inspection' && (
        <InspectionDialog
          org={o}
          year={dialog.year}
          existing={dialog.existing}
          opened
          onClose={close}
          onSaved={saved}
        />
      )}
      {dialog?.kind === 'rating' && <RatingDialog org={o} opened onClose={close} onSaved={saved} />}
      {dialog?.kind === 'ratingEnd' && (
        <RatingEndDialog rating={dialog.rating} opened onClose={close} onSaved={saved} />
      )}
      {dialog?.kind === 'termStart' && <TermStartDialog org={o} opened onClose={close} onSaved={saved} />}
      {dialog?.kind === 'termComplete' && (
        <TermCompleteDialog term={dialog.term} opened onClose={close} onSaved={saved} />
      )}
      {dialog?.kind === 'termPostpone' && (
        <TermPostponeDialog term={dialog.term} opened onClose={close} onSaved={saved} />
      )}
    </Stack>
  );
}
