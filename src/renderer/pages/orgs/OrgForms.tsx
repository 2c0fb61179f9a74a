// 登记社会组织 / 社区社会组织备案 / 修改信息 forms.
import { Divider, SimpleGrid, Text } from '@mantine/core';
import type { OrgView } from '../../../shared/api/orgs';
import { labelOptions } from '../../../shared/labels';
import { parseUscc } from '../../../shared/uscc';
import {
  CallDialog,
  choices,
  DateField,
  dropBlank,
  MoneyField,
  NativeSelectField,
  NumberField,
  TextAreaField,
  TextField,
  type Values,
} from '../../lib/form';
import { useCall } from '../../lib/useCall';
import { useSession } from '../../lib/session';

const YES_NO = choices({ yes: '已建立', no: '未建立' });

interface ModalProps {
  opened: boolean;
  onClose: () => void;
  onSaved: (org: OrgView) => void;
}

/** An orgs dialog's CallDialog wiring: shown while opened, '已保存' after the call, then the page's onSaved. */
export const saved = <T,>(p: { opened: boolean; onClose: () => void; onSaved: (out: T) => void }) => ({
  opened: p.opened,
  onClose: p.onClose,
  onDone: p.onSaved,
  done: '已保存',
});

/** 党组织 (已建立/未建立) and 党员人数, at `at` (the part of the input they belong to, if any). */
function PartyFields({ at = '' }: { at?: string }) {
  return (
    <>
      <NativeSelectField path={`${at}partyOrg`} label="党组织" data={YES_NO} required />
      <NumberField path={`${at}partyMembers`} label="党员人数" required />
    </>
  );
}

/** 党组织 is chosen as 已建立/未建立 and sent as a yes/no. */
const withParty = (v: Values): Values => ({ ...v, partyOrg: v.partyOrg === 'yes' });

export function RegisterModal(props: ModalProps) {
  return (
    <CallDialog
      method="orgs.register"
      {...saved(props)}
      title="登记社会组织"
      size="xl"
      initial={{ kind: 'association', partyOrg: 'no', partyMembers: 0, termYears: 5, capitalFen: undefined }}
      prepare={(v, errors) => {
        // The GB 32100 check character, as typed (the core checks it again, with the kind).
        const code = typeof v.creditCode === 'string' ? v.creditCode.trim() : '';
        const parsed = code === '' ? null : parseUscc(code);
        if (parsed && !parsed.ok) errors.creditCode = parsed.message;
        return withParty(dropBlank(v, ['supervisor', 'foundedOn', 'phone', 'note']));
      }}
    >
      <SimpleGrid cols={2}>
        <NativeSelectField path="kind" label="组织类型" data={labelOptions('orgKind')} required />
        <TextField path="name" label="组织名称" required />
        <TextField path="creditCode" label="统一社会信用代码" required placeholder="18 位，如 51321202MJ…" />
        <TextField path="registrationNo" label="登记证号" required />
        <TextField path="authority" label="登记管理机关" required placeholder="如：泰州市海陵区民政局" />
        <TextField path="supervisor" label="业务主管单位" placeholder="直接登记的留空" />
        <TextField path="legalRep" label="法定代表人" required />
        <TextField path="phone" label="联系电话" />
        <TextField path="domicile" label="住所" required />
        <MoneyField path="capitalFen" label="注册资金（元）" required />
        <DateField path="registeredOn" label="登记日期" required />
        <DateField path="foundedOn" label="成立日期" />
        <NumberField path="members" label="会员数" required />
        <NumberField path="termYears" label="每届年限（章程规定）" required />
        <PartyFields />
      </SimpleGrid>
      <TextAreaField path="purpose" label="宗旨" required />
      <TextAreaField path="scope" label="业务范围" required />
      <TextAreaField path="note" label="备注" />
    </CallDialog>
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
  const units = useGuideUnits();
  return (
    <CallDialog
      method="orgs.file"
      {...saved(props)}
      title="社区社会组织备案"
      size="xl"
      initial={{ communityType: 'culture_sports', partyOrg: 'no', partyMembers: 0, fundsFen: 0, guideUnit: '' }}
      prepare={(v) => withParty(dropBlank(v, ['leaderPhone', 'foundedOn', 'note']))}
    >
      <SimpleGrid cols={2}>
        <NativeSelectField path="communityType" label="组织类型" data={labelOptions('communityType')} required />
        <TextField path="name" label="组织名称" required />
        <TextField path="leader" label="负责人" required />
        <TextField path="leaderPhone" label="负责人电话" />
        <TextField path="venue" label="活动场所" required />
        <TextField path="area" label="活动地域" required />
        <NativeSelectField path="guideUnit" label="指导单位" data={units} placeholder="请选择" required />
        <TextField path="filingNo" label="备案编号" required />
        <DateField path="filedOn" label="备案日期" required />
        <DateField path="foundedOn" label="成立日期" />
        <NumberField path="members" label="成员人数（花名册）" required />
        <MoneyField path="fundsFen" label="活动资金（元）" required />
        <PartyFields />
        <NumberField path="termYears" label="每届年限（如有）" />
      </SimpleGrid>
      <TextAreaField path="charter" label="章程（要点或存档位置）" required />
      <TextAreaField path="note" label="备注" />
    </CallDialog>
  );
}

/** 修改信息: the fields that are not changed by events (名称、法定代表人、住所、负责人、活动场所 go through 登记事项). */
export function EditModal(props: ModalProps & { org: OrgView }) {
  const o = props.org;
  const s = (x: string | null | undefined) => x ?? '';
  const known = useGuideUnits();
  const units =
    o.guideUnit && !known.some((u) => u.value === o.guideUnit)
      ? [{ value: o.guideUnit, label: o.guideUnit }, ...known]
      : known;
  const registered = o.registry === 'registered';
  // The values sit where the contract puts them (registered.* or community.*), so each message lands at its field.
  const g = registered ? 'registered' : 'community';
  const common = {
    members: o.members,
    partyOrg: o.partyOrg ? 'yes' : 'no',
    partyMembers: o.partyMembers,
    note: s(o.note),
  };
  const initial: Values = registered
    ? {
        registered: {
          ...common,
          registrationNo: s(o.registrationNo),
          authority: s(o.authority),
          supervisor: s(o.supervisor),
          purpose: s(o.purpose),
          scope: s(o.scope),
          capitalFen: o.capitalFen ?? undefined,
          termYears: o.termYears ?? undefined,
          phone: s(o.phone),
        },
        reason: '',
      }
    : {
        community: {
          ...common,
          charter: s(o.charter),
          fundsFen: o.fundsFen ?? undefined,
          area: s(o.area),
          guideUnit: s(o.guideUnit),
          leaderPhone: s(o.leaderPhone),
          termYears: o.termYears ?? undefined,
        },
        reason: '',
      };
  return (
    <CallDialog
      method="orgs.update"
      {...saved(props)}
      title={`修改信息：${o.name}`}
      size="xl"
      initial={initial}
      prepare={(v) => {
        const part = withParty(v[g] as Values);
        if (!registered && part.termYears === undefined) part.termYears = null;
        return { id: o.id, version: o.version, reason: v.reason === '' ? null : v.reason, [g]: part };
      }}
    >
      <Text size="sm" c="dimmed">
        名称、{registered ? '法定代表人、住所' : '负责人、活动场所'}
        的变更以及注销，请用“登记事项”办理，以便留下日期和文号。
      </Text>
      <SimpleGrid cols={2}>
        {registered ? (
          <>
            <TextField path="registered.registrationNo" label="登记证号" required />
            <TextField path="registered.authority" label="登记管理机关" required />
            <TextField path="registered.supervisor" label="业务主管单位" />
            <TextField path="registered.phone" label="联系电话" />
            <MoneyField path="registered.capitalFen" label="注册资金（元）" required />
            <NumberField path="registered.members" label="会员数" required />
            <NumberField path="registered.termYears" label="每届年限（章程规定）" required />
          </>
        ) : (
          <>
            <TextField path="community.area" label="活动地域" required />
            <NativeSelectField path="community.guideUnit" label="指导单位" data={units} required />
            <TextField path="community.leaderPhone" label="负责人电话" />
            <MoneyField path="community.fundsFen" label="活动资金（元）" required />
            <NumberField path="community.members" label="成员人数（花名册）" required />
            <NumberField path="community.termYears" label="每届年限（如有）" />
          </>
        )}
        <PartyFields at={`${g}.`} />
      </SimpleGrid>
      {registered ? (
        <>
          <TextAreaField path="registered.purpose" label="宗旨" required />
          <TextAreaField path="registered.scope" label="业务范围" required />
        </>
      ) : (
        <TextAreaField path="community.charter" label="章程（要点或存档位置）" required />
      )}
      <TextAreaField path={`${g}.note`} label="备注" />
      <Divider />
      <TextField path="reason" label="修改原因" />
    </CallDialog>
  );
}
