// The household page's tables: its members (with the actions on each) and the history of changes to the household.
import { Badge, Button, Menu, Table } from '@mantine/core';
import { type HistoryEntry, type MemberView } from '../../../shared/api/cases';
import { label } from '../../../shared/labels';
import { type MemberDialog } from './MemberDialogs';

export function MembersTable({
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

export function HistoryTable({ rows }: { rows: HistoryEntry[] }) {
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
