// 登记社会组织 / 社区社会组织备案 / 修改信息 forms.
import { Divider, SimpleGrid, Text } from '@mantine/core';
import { formatYuan } from '../../../shared/money';
import { orgLabelOptions, type OrgView } from '../../../shared/api/orgs';
import { call } from '../../api';
import { useCall } from '../../lib/useCall';
import { useSession } from '../../lib/session';
import {
  Area,
  Choice,
  DateIn,
  fieldError,
  FormModal,
  optional,
  Text_,
  toCount,
  toFen,
  useFields,
  YES_NO,
  type Fields,
} from './fields';

interface ModalProps {
  opened: boolean;
  onClose: () => void;
  onSaved: (org: OrgView) => void;
}

function fen(f: Fields, name: string, label: string): number {
  const errors: Record<string, string> = {};
  const v = toFen(f, name, label, errors);
  if (v === null) throw fieldError(errors);
  return v;
}

export function RegisterModal(props: ModalProps) {
  const f = useFields({ kind: 'association', partyOrg: 'no', partyMembers: '0', termYears: '5', capitalFen: '' });
  return (
    <FormModal
      title="登记社会组织"
      size="xl"
      opened={props.opened}
      onClose={props.onClose}
      f={f}
      onSaved={() => undefined}
      submit={async () => {
        const v = f.values;
        const org = await call('orgs.register', {
          kind: v.kind as 'association',
          name: v.name ?? '',
          creditCode: v.creditCode ?? '',
          registrationNo: v.registrationNo ?? '',
          authority: v.authority ?? '',
          supervisor: optional(v.supervisor) ?? null,
          legalRep: v.legalRep ?? '',
          domicile: v.domicile ?? '',
          purpose: v.purpose ?? '',
          scope: v.scope ?? '',
          capitalFen: fen(f, 'capitalFen', '注册资金'),
          members: toCount(v.members),
          foundedOn: optional(v.foundedOn) ?? null,
          registeredOn: v.registeredOn ?? '',
          termYears: toCount(v.termYears),
          partyOrg: v.partyOrg === 'yes',
          partyMembers: toCount(v.partyMembers),
          phone: optional(v.phone) ?? null,
          note: optional(v.note) ?? null,
        });
        props.onSaved(org);
      }}
    >
      <SimpleGrid cols={2}>
        <Choice f={f} name="kind" label="组织类型" data={orgLabelOptions('kind')} required />
        <Text_ f={f} name="name" label="组织名称" required />
        <Text_ f={f} name="creditCode" label="统一社会信用代码" required placeholder="18 位，如 51321202MJ…" />
        <Text_ f={f} name="registrationNo" label="登记证号" required />
        <Text_ f={f} name="authority" label="登记管理机关" required placeholder="如：泰州市海陵区民政局" />
        <Text_ f={f} name="supervisor" label="业务主管单位" placeholder="直接登记的留空" />
        <Text_ f={f} name="legalRep" label="法定代表人" required />
        <Text_ f={f} name="phone" label="联系电话" />
        <Text_ f={f} name="domicile" label="住所" required />
        <Text_ f={f} name="capitalFen" label="注册资金（元）" required />
        <DateIn f={f} name="registeredOn" label="登记日期" required />
        <DateIn f={f} name="foundedOn" label="成立日期" />
        <Text_ f={f} name="members" label="会员数" required />
        <Text_ f={f} name="termYears" label="每届年限（章程规定）" required />
        <Choice f={f} name="partyOrg" label="党组织" data={YES_NO} required />
        <Text_ f={f} name="partyMembers" label="党员人数" required />
      </SimpleGrid>
      <Area f={f} name="purpose" label="宗旨" required />
      <Area f={f} name="scope" label="业务范围" required />
      <Area f={f} name="note" label="备注" />
    </FormModal>
  );
}

/** 指导单位: the township itself or one of its 村(社区). */
function useGuideUnits(): { value: string; label: string }[] {
  const { township } = useSession();
  const villages = useCall('villages.list', {});
  const streetName = township?.name ?? '本街道/乡镇';
  return [streetName, ...(villages.data ?? []).map((v) => v.name)].map((n) => ({ value: n, label: n }));
}

export function FileModal(props: ModalProps) {
  const f = useFields({ communityType: 'culture_sports', partyOrg: 'no', partyMembers: '0', fundsFen: '0' });
  const units = useGuideUnits();
  return (
    <FormModal
      title="社区社会组织备案"
      size="xl"
      opened={props.opened}
      onClose={props.onClose}
      f={f}
      onSaved={() => undefined}
      submit={async () => {
        const v = f.values;
        const org = await call('orgs.file', {
          communityType: v.communityType as 'culture_sports',
          name: v.name ?? '',
          leader: v.leader ?? '',
          leaderPhone: optional(v.leaderPhone) ?? null,
          venue: v.venue ?? '',
          charter: v.charter ?? '',
          members: toCount(v.members),
          fundsFen: fen(f, 'fundsFen', '活动资金'),
          area: v.area ?? '',
          guideUnit: v.guideUnit ?? '',
          filingNo: v.filingNo ?? '',
          filedOn: v.filedOn ?? '',
          foundedOn: optional(v.foundedOn) ?? null,
          termYears: optional(v.termYears) ? toCount(v.termYears) : null,
          partyOrg: v.partyOrg === 'yes',
          partyMembers: toCount(v.partyMembers),
          note: optional(v.note) ?? null,
        });
        props.onSaved(org);
      }}
    >
      <SimpleGrid cols={2}>
        <Choice f={f} name="communityType" label="组织类型" data={orgLabelOptions('communityType')} required />
        <Text_ f={f} name="name" label="组织名称" required />
        <Text_ f={f} name="leader" label="负责人" required />
        <Text_ f={f} name="leaderPhone" label="负责人电话" />
        <Text_ f={f} name="venue" label="活动场所" required />
        <Text_ f={f} name="area" label="活动地域" required />
        <Choice f={f} name="guideUnit" label="指导单位" data={units} placeholder="请选择" required />
        <Text_ f={f} name="filingNo" label="备案编号" required />
        <DateIn f={f} name="filedOn" label="备案日期" required />
        <DateIn f={f} name="foundedOn" label="成立日期" />
        <Text_ f={f} name="members" label="成员人数（花名册）" required />
        <Text_ f={f} name="fundsFen" label="活动资金（元）" required />
        <Choice f={f} name="partyOrg" label="党组织" data={YES_NO} required />
        <Text_ f={f} name="partyMembers" label="党员人数" required />
        <Text_ f={f} name="termYears" label="每届年限（如有）" />
      </SimpleGrid>
      <Area f={f} name="charter" label="章程（要点或存档位置）" required />
      <Area f={f} name="note" label="备注" />
    </FormModal>
  );
}

/** 修改信息: the fields that are not changed by events (名称、法定代表人、住所、负责人、活动场所 go through 登记事项). */
export function EditModal(props: ModalProps & { org: OrgView }) {
  const o = props.org;
  const s = (x: string | number | null | undefined) => (x === null || x === undefined ? '' : String(x));
  const money = (x: number | null) => (x === null ? '' : formatYuan(x).replace(/,/g, ''));
  const f = useFields({
    registrationNo: s(o.registrationNo),
    authority: s(o.authority),
    supervisor: s(o.supervisor),
    purpose: s(o.purpose),
    scope: s(o.scope),
    capitalFen: money(o.capitalFen),
    members: s(o.members),
    termYears: s(o.termYears),
    partyOrg: o.partyOrg ? 'yes' : 'no',
    partyMembers: s(o.partyMembers),
    phone: s(o.phone),
    note: s(o.note),
    charter: s(o.charter),
    fundsFen: money(o.fundsFen),
    area: s(o.area),
    guideUnit: s(o.guideUnit),
    leaderPhone: s(o.leaderPhone),
    reason: '',
  });
  const known = useGuideUnits();
  const units =
    o.guideUnit && !known.some((u) => u.value === o.guideUnit)
      ? [{ value: o.guideUnit, label: o.guideUnit }, ...known]
      : known;
  const registered = o.registry === 'registered';
  return (
    <FormModal
      title={`修改信息：${o.name}`}
      size="xl"
      opened={props.opened}
      onClose={props.onClose}
      f={f}
      onSaved={() => undefined}
      submit={async () => {
        const v = f.values;
        const common = {
          members: toCount(v.members),
          partyOrg: v.partyOrg === 'yes',
          partyMembers: toCount(v.partyMembers),
          note: v.note ?? '',
        };
        const org = await call('orgs.update', {
          id: o.id,
          version: o.version,
          reason: optional(v.reason) ?? null,
          ...(registered
            ? {
                registered: {
                  ...common,
                  registrationNo: v.registrationNo ?? '',
                  authority: v.authority ?? '',
                  supervisor: v.supervisor ?? '',
                  purpose: v.purpose ?? '',
                  scope: v.scope ?? '',
                  capitalFen: fen(f, 'capitalFen', '注册资金'),
                  termYears: toCount(v.termYears),
                  phone: v.phone ?? '',
                },
              }
            : {
                community: {
                  ...common,
                  charter: v.charter ?? '',
                  fundsFen: fen(f, 'fundsFen', '活动资金'),
                  area: v.area ?? '',
                  guideUnit: v.guideUnit ?? '',
                  leaderPhone: v.leaderPhone ?? '',
                  termYears: optional(v.termYears) ? toCount(v.termYears) : null,
                },
              }),
        });
        props.onSaved(org);
      }}
    >
      <Text size="sm" c="dimmed">
        名称、{registered ? '法定代表人、住所' : '负责人、活动场所'}
        的变更以及注销，请用“登记事项”办理，以便留下日期和文号。
      </Text>
      <SimpleGrid cols={2}>
        {registered ? (
          <>
            <Text_ f={f} name="registrationNo" label="登记证号" required />
            <Text_ f={f} name="authority" label="登记管理机关" required />
            <Text_ f={f} name="supervisor" label="业务主管单位" />
            <Text_ f={f} name="phone" label="联系电话" />
            <Text_ f={f} name="capitalFen" label="注册资金（元）" required />
            <Text_ f={f} name="members" label="会员数" required />
            <Text_ f={f} name="termYears" label="每届年限（章程规定）" required />
          </>
        ) : (
          <>
            <Text_ f={f} name="area" label="活动地域" required />
            <Choice f={f} name="guideUnit" label="指导单位" data={units} required />
            <Text_ f={f} name="leaderPhone" label="负责人电话" />
            <Text_ f={f} name="fundsFen" label="活动资金（元）" required />
            <Text_ f={f} name="members" label="成员人数（花名册）" required />
            <Text_ f={f} name="termYears" label="每届年限（如有）" />
          </>
        )}
        <Choice f={f} name="partyOrg" label="党组织" data={YES_NO} required />
        <Text_ f={f} name="partyMembers" label="党员人数" required />
      </SimpleGrid>
      {registered ? (
        <>
          <Area f={f} name="purpose" label="宗旨" required />
          <Area f={f} name="scope" label="业务范围" required />
        </>
      ) : (
        <Area f={f} name="charter" label="章程（要点或存档位置）" required />
      )}
      <Area f={f} name="note" label="备注" />
      <Divider />
      <Text_ f={f} name="reason" label="修改原因" />
    </FormModal>
  );
}
