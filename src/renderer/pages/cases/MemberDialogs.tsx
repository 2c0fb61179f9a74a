// The member dialogs of the household page: add (new or already registered person), edit (with the version the
// clerk saw), leave, move to another household, change head, self-care assessment, death, and the journalled view of
// the full ID number.
import { Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import type { HouseholdView, MemberView } from '../../../shared/api/cases';
import { call } from '../../api';
import {
  CallDialog,
  CheckField,
  choices,
  DateField,
  FormModal,
  SelectField,
  TextField,
  type Values,
  useForm,
} from '../../lib/form';
import { emptyPerson, memberRelationOptions, preparePerson } from './members';
import { PersonFields } from './PersonFields';
import { todayCn } from './common';

export type MemberDialog =
  | { kind: 'add' }
  | { kind: 'edit'; m: MemberView }
  | { kind: 'remove'; m: MemberView }
  | { kind: 'move'; m: MemberView }
  | { kind: 'head'; m: MemberView }
  | { kind: 'assess'; m: MemberView }
  | { kind: 'death'; m: MemberView }
  | { kind: 'reveal'; m: MemberView };

interface Props {
  household: HouseholdView;
  dialog: MemberDialog;
  onClose: () => void;
  onDone: () => void;
}

export function MemberDialogHost(props: Props) {
  const d = props.dialog;
  switch (d.kind) {
    case 'add':
      return <AddMember {...props} />;
    case 'edit':
      return <EditPerson {...props} m={d.m} />;
    case 'remove':
      return <RemoveMember {...props} m={d.m} />;
    case 'move':
      return <MoveMember {...props} m={d.m} />;
    case 'head':
      return <SetHead {...props} m={d.m} />;
    case 'assess':
      return <Assess {...props} m={d.m} />;
    case 'death':
      return <Death {...props} m={d.m} />;
    case 'reveal':
      return <Reveal {...props} m={d.m} />;
  }
}

function AddMember({ household, onClose, onDone }: Props) {
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q, 250);
  const [found, setFound] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    if (mode !== 'existing' || dq.trim() === '') return setFound([]);
    let live = true;
    void call('people.search', { q: dq.trim(), limit: 20 }).then((r) => {
      if (!live) return;
      setFound(
        r.rows.map((p) => ({
          value: p.id,
          label: `${p.name} ${p.idNumberMasked ?? ''} ${p.householdId ? `（在 ${p.villageName ?? ''} 某户）` : '（无户）'}`,
        })),
      );
    });
    return () => {
      live = false;
    };
  }, [dq, mode]);
  return (
    <CallDialog
      method="households.addMember"
      title="新增成员"
      size="xl"
      initial={{ relation: null, joinedOn: todayCn(), person: emptyPerson(''), personId: null }}
      prepare={(v, errors) => {
        const input: Values = { householdId: household.id, relation: v.relation ?? undefined, joinedOn: v.joinedOn };
        if (mode === 'new')
          input.person = preparePerson({ ...(v.person as Values), relation: undefined }, 'person.', errors);
        else if (v.personId) input.personId = v.personId;
        else errors.personId = '请选择已登记的人员';
        return input;
      }}
      done="已新增成员"
      onClose={onClose}
      onDone={onDone}
    >
      <Select
        label="人员来源"
        data={choices({ new: '新登记的人员', existing: '台账中已有、目前不在任何户的人员' })}
        value={mode}
        onChange={(v) => setMode(v === 'existing' ? 'existing' : 'new')}
        allowDeselect={false}
      />
      <SimpleGrid cols={2}>
        <SelectField path="relation" label="与户主关系" data={memberRelationOptions} required />
        <DateField path="joinedOn" label="入户日期" required />
      </SimpleGrid>
      {mode === 'new' ? (
        <PersonFields prefix="person." />
      ) : (
        <Stack gap="xs">
          <TextInput
            label="查找人员"
            placeholder="姓名、身份证号或拼音首字母"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
          <SelectField path="personId" label="选择人员" data={found} />
        </Stack>
      )}
    </CallDialog>
  );
}

/**
 * Edit a person. Views carry only masked ID and account numbers, and people.update keeps a number that is left out:
 * so those fields start blank, blank means "unchanged", and nothing has to be revealed just to fix a phone number.
 */
function EditPerson({ m, onClose, onDone }: Props & { m: MemberView }) {
  return (
    <CallDialog
      method="people.update"
      title={`修改人员信息：${m.name}`}
      size="xl"
      initial={{
        name: m.name,
        idNumber: '',
        phone: m.phone ?? '',
        hukouType: m.hukouType,
        disabilityType: m.disabilityType,
        disabilityGrade: m.disabilityGrade === null ? null : String(m.disabilityGrade),
        disabilityCert: m.disabilityCert ?? '',
        labourCapacity: m.labourCapacity,
        health: m.health,
        bankName: m.bankName ?? '',
        bankAccount: '',
        cardAccount: '',
        remark: m.remark ?? '',
        reason: '',
      }}
      prepare={(v, errors) => {
        const input = preparePerson(v, '', errors);
        if (v.reason === '') delete input.reason;
        return { ...input, id: m.personId, version: m.version };
      }}
      done="已保存"
      onClose={onClose}
      onDone={onDone}
    >
      <Text size="sm" c="dimmed">
        身份证号 {m.idNumberMasked ?? '（无）'}
        {m.bankAccountMasked ? `、银行账号 ${m.bankAccountMasked}` : ''}
        {m.cardAccountMasked ? `、一卡通 ${m.cardAccountMasked}` : ''}
        ：留空表示不变，只有需要更正时才重新录入完整号码。
      </Text>
      <PersonFields prefix="" />
      <TextField path="reason" label="修改原因" />
    </CallDialog>
  );
}

function RemoveMember({ household, m, onClose, onDone }: Props & { m: MemberView }) {
  return (
    <CallDialog
      method="households.removeMember"
      title={`成员离户：${m.name}`}
      submitLabel="办理离户"
      initial={{ leftOn: todayCn(), reason: '' }}
      prepare={(v) => ({ ...v, householdId: household.id, personId: m.personId })}
      done="已办理离户"
      onClose={onClose}
      onDone={onDone}
    >
      <DateField path="leftOn" label="离户日期" required />
      <TextField path="reason" label="原因（迁出、分户、出嫁等）" required />
    </CallDialog>
  );
}

function MoveMember({ m, onClose, onDone }: Props & { m: MemberView }) {
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q, 250);
  const [targets, setTargets] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    if (dq.trim() === '') return setTargets([]);
    let live = true;
    void call('households.list', { q: dq.trim(), limit: 20 }).then((r) => {
      if (live)
        setTargets(
          r.rows.map((h) => ({
            value: h.id,
            label: `${h.headName ?? '（无户主）'}户 · ${h.villageName} · ${h.size} 人`,
          })),
        );
    });
    return () => {
      live = false;
    };
  }, [dq]);
  return (
    <CallDialog
      method="households.moveMember"
      title={`迁往他户：${m.name}`}
      submitLabel="办理迁移"
      initial={{ toHouseholdId: null, relation: null, on: todayCn(), reason: '' }}
      prepare={(v, errors) => {
        if (!v.toHouseholdId) errors.toHouseholdId = '请选择迁入的户';
        return { ...v, personId: m.personId, toHouseholdId: v.toHouseholdId ?? '', relation: v.relation ?? undefined };
      }}
      done="已迁移，原户和新户都保留记录"
      onClose={onClose}
      onDone={onDone}
    >
      <TextInput
        label="查找迁入的户"
        placeholder="户主姓名、身份证号或拼音首字母"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      <SelectField path="toHouseholdId" label="迁入户" data={targets} required />
      <SelectField path="relation" label="与新户户主关系" data={memberRelationOptions} required />
      <DateField path="on" label="迁入日期" required />
      <TextField path="reason" label="原因" required />
    </CallDialog>
  );
}

function SetHead({ household, m, onClose, onDone }: Props & { m: MemberView }) {
  return (
    <CallDialog
      method="households.setHead"
      title={`变更户主为：${m.name}`}
      initial={{ reason: '' }}
      prepare={(v) => ({ ...v, id: household.id, version: household.version, personId: m.personId })}
      done="已变更户主"
      onClose={onClose}
      onDone={onDone}
    >
      <TextField path="reason" label="原因" required />
    </CallDialog>
  );
}

const ITEMS = [
  ['eat', '进食'],
  ['dress', '穿衣'],
  ['bed', '上下床'],
  ['toilet', '如厕'],
  ['walk', '室内行走'],
  ['bathe', '洗澡'],
] as const;

function Assess({ m, onClose, onDone }: Props & { m: MemberView }) {
  return (
    <CallDialog
      method="people.assessSelfCare"
      title={`生活自理能力评估：${m.name}`}
      initial={{
        assessedOn: todayCn(),
        assessor: '',
        items: { eat: true, dress: true, bed: true, toilet: true, walk: true, bathe: true },
      }}
      prepare={(v) => ({ ...v, personId: m.personId })}
      done={(r) => `评估完成：${r.notAchieved} 项达不到`}
      onClose={onClose}
      onDone={onDone}
    >
      {(form) => {
        const items = form.get('items') as Record<string, boolean>;
        const notAchieved = Object.values(items).filter((x) => !x).length;
        const grade =
          notAchieved === 0 ? '具备生活自理能力' : notAchieved <= 3 ? '部分丧失生活自理能力' : '完全丧失生活自理能力';
        return (
          <>
            <Text size="sm">按民发〔2021〕43号的 6 项指标，勾选“能独立完成”的项目：</Text>
            <SimpleGrid cols={3}>
              {ITEMS.map(([k, l]) => (
                <CheckField key={k} path={`items.${k}`} label={l} />
              ))}
            </SimpleGrid>
            <Text size="sm">
              {notAchieved} 项达不到 → 预计：{grade}（以核心计算为准）
            </Text>
            <SimpleGrid cols={2}>
              <DateField path="assessedOn" label="评估日期" required />
              <TextField path="assessor" label="评估人" required />
            </SimpleGrid>
          </>
        );
      }}
    </CallDialog>
  );
}

function Death({ m, onClose, onDone }: Props & { m: MemberView }) {
  return (
    <CallDialog
      method="people.recordDeath"
      title={`登记死亡：${m.name}`}
      submitLabel="登记"
      initial={{ diedOn: todayCn() }}
      prepare={(v) => ({ ...v, id: m.personId, version: m.version })}
      done={(r) =>
        r.affectedCaseIds.length ? `已登记；${r.affectedCaseIds.length} 件救助须在 ${r.recheckDueOn} 前复核` : '已登记'
      }
      onClose={onClose}
      onDone={onDone}
    >
      <Text size="sm">登记后，该成员自次月起退出所在的救助案件，并须在规定时间内复核。</Text>
      <DateField path="diedOn" label="死亡日期" required />
    </CallDialog>
  );
}

const revealSchema = z.object({ reason: z.string().trim().min(2, '请填写查看完整身份证号的原因').max(200) });

/** Not a CallDialog: the answer is shown in the dialog, which stays open. */
function Reveal({ m, onClose }: Props & { m: MemberView }) {
  const [shown, setShown] = useState<string | null>(null);
  const form = useForm(revealSchema, { reason: '' });
  return (
    <FormModal
      title={`查看完整身份证号：${m.name}`}
      opened
      onClose={onClose}
      form={form}
      submitLabel="查看"
      onSubmit={() =>
        void form.submit(async (input) => {
          const r = await call('people.revealId', { id: m.personId, reason: input.reason });
          setShown(r.idNumber ?? '（未登记身份证号）');
        })
      }
    >
      <Text size="sm">查看完整号码会记入操作日志（含原因）。</Text>
      <TextField path="reason" label="原因" required />
      {shown && (
        <Text ff="monospace" fz="lg" aria-label="完整身份证号">
          {shown}
        </Text>
      )}
    </FormModal>
  );
}
