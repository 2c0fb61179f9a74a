// What each next step of a case asks for: the contract method, the starting values, how the values become its
// input, the fields, and what is said when it is done.
import { List, SimpleGrid, Text } from '@mantine/core';
import type { AmountCalc, CaseDetail } from '../../../shared/api/cases';
import type { MethodName } from '../../../shared/api';
import { useEffect, useState } from 'react';
import { call } from '../../api';
import {
  CheckField,
  choices,
  DateField,
  dropBlank,
  MoneyField,
  MonthField,
  NumberField,
  SelectField,
  TextAreaField,
  TextField,
  type Errors,
  type Form,
  type Values,
} from '../../lib/form';
import { thisMonthCn, todayCn, yuan } from './common';

export const ACTION_LABELS: Record<string, string> = {
  investigate: '登记入户调查',
  preliminary: '初审',
  publicize: '发布公示',
  objection: '登记公示异议',
  endPublicity: '公示期满，提交审核',
  approve: '审核确认',
  reject: '不予确认',
  withdraw: '撤回申请',
  grantAdvance: '先行救助',
  completePaperwork: '补办手续',
  recheck: '复核',
  changeAmount: '增发/减发',
  taper: '渐退',
  stop: '停止救助',
  setKin: '近亲属备案',
};

type F = Form;

export interface Spec {
  method: MethodName;
  initial: (c: CaseDetail) => Values;
  /** Values -> input; default: the values with the case's id and version. */
  prepare?: (v: Values, c: CaseDetail, errors: Errors) => unknown;
  fields: (form: F, c: CaseDetail) => React.ReactNode;
  done: string;
}

const splitNames = (s: unknown) =>
  String(s ?? '')
    .split(/[、,，;；\s]+/u)
    .map((x) => x.trim())
    .filter(Boolean);

export const ref = (c: CaseDetail) => ({ id: c.id, version: c.version });

/** An amount the clerk must enter (the schema alone would say only that a number is expected). */
const needAmount = (v: Values, key: string, errors: Errors) => {
  if (v[key] === undefined || v[key] === null) errors[key] = '请填写金额';
};

const LOCK_HINT = '该月报表已定稿时才需要填写';

export const SPECS: Record<string, Spec> = {
  investigate: {
    method: 'cases.investigate',
    initial: () => ({ onDate: todayCn(), investigators: '', checkResult: null, visitNote: '', checkNote: '' }),
    prepare: (v, c) => ({ ...dropBlank(v, ['checkResult']), ...ref(c), investigators: splitNames(v.investigators) }),
    fields: () => (
      <>
        <DateField path="onDate" label="调查日期" required />
        <TextField
          path="investigators"
          label="调查人员（至少 2 人，用顿号分隔）"
          placeholder="如：张经办、村干部王某"
          required
        />
        <SelectField
          path="checkResult"
          label="信息核对结果"
          required
          data={choices({ pass: '符合', fail: '不符合', pending: '待返回' })}
        />
        <TextAreaField path="visitNote" label="入户调查情况" />
        <TextAreaField path="checkNote" label="核对说明" />
      </>
    ),
    done: '已登记入户调查',
  },
  preliminary: {
    method: 'cases.preliminary',
    initial: () => ({ onDate: todayCn(), opinion: 'agree', note: '' }),
    fields: () => (
      <>
        <DateField path="onDate" label="初审日期" required />
        <SelectField path="opinion" label="初审意见" data={choices({ agree: '同意', disagree: '不同意' })} required />
        <TextAreaField path="note" label="说明" />
      </>
    ),
    done: '已初审',
  },
  publicize: {
    method: 'cases.publicize',
    initial: () => ({ startOn: todayCn(), place: '' }),
    fields: () => (
      <>
        <DateField path="startOn" label="公示开始日期" required />
        <TextField path="place" label="公示地点" placeholder="如：村务公开栏" />
      </>
    ),
    done: '已发布公示',
  },
  objection: {
    method: 'cases.objection',
    initial: () => ({
      onDate: todayCn(),
      content: '',
      resolution: 'reinvestigate',
      dOn: todayCn(),
      dParticipants: undefined,
      dResult: 'agree',
      dNote: '',
    }),
    prepare: (v, c) => {
      const input: Values = { ...ref(c), onDate: v.onDate, content: v.content, resolution: v.resolution };
      if (v.resolution === 'deliberation')
        input.deliberation = {
          onDate: v.dOn,
          participants: v.dParticipants,
          result: v.dResult,
          ...(v.dNote ? { note: v.dNote } : {}),
        };
      return input;
    },
    fields: (f) => (
      <>
        <DateField path="onDate" label="异议日期" required />
        <TextAreaField path="content" label="异议内容" required />
        <SelectField
          path="resolution"
          label="处理方式"
          data={choices({ reinvestigate: '重新调查', deliberation: '民主评议' })}
          required
        />
        {f.get('resolution') === 'deliberation' && (
          <SimpleGrid cols={3}>
            <DateField path="dOn" label="评议日期" />
            <NumberField path="dParticipants" label="参加人数" />
            <SelectField path="dResult" label="评议结果" data={choices({ agree: '同意', disagree: '不同意' })} />
          </SimpleGrid>
        )}
      </>
    ),
    done: '已登记异议',
  },
  endPublicity: {
    method: 'cases.endPublicity',
    initial: () => ({ onDate: todayCn() }),
    fields: () => <DateField path="onDate" label="公示结束处理日期" required />,
    done: '已提交审核确认',
  },
  approve: {
    method: 'cases.approve',
    initial: () => ({ onDate: todayCn(), caseNo: '', amountFen: undefined, amountReason: '', lockReason: '' }),
    prepare: (v, c) => ({ ...dropBlank(v, ['caseNo', 'amountFen', 'amountReason', 'lockReason']), ...ref(c) }),
    fields: (f, c) => (
      <>
        <ApprovalAmount c={c} />
        <SimpleGrid cols={2}>
          <DateField path="onDate" label="确认日期" required />
          <TextField path="caseNo" label="证号/编号" />
        </SimpleGrid>
        <MoneyField
          path="amountFen"
          label={
            c.category === 'linshi'
              ? '核定救助金额（不填按申请金额）'
              : '核定月保障金额（不填按标准计算；只能低于标准）'
          }
        />
        <TextField path="amountReason" label="金额低于标准的原因" />
        <TextField path="lockReason" label="更正原因" description={LOCK_HINT} />
      </>
    ),
    done: '已审核确认',
  },
  reject: {
    method: 'cases.reject',
    initial: () => ({ onDate: todayCn(), reason: '' }),
    fields: () => (
      <>
        <DateField path="onDate" label="决定日期" required />
        <TextAreaField path="reason" label="不予确认的理由（将书面告知申请人）" required />
      </>
    ),
    done: '已决定不予确认',
  },
  withdraw: {
    method: 'cases.withdraw',
    initial: () => ({ onDate: todayCn(), reason: '' }),
    fields: () => (
      <>
        <DateField path="onDate" label="撤回日期" required />
        <TextField path="reason" label="原因" required />
      </>
    ),
    done: '已撤回',
  },
  grantAdvance: {
    method: 'cases.grantAdvance',
    initial: (c) => ({ onDate: todayCn(), amountFen: c.grantAmountFen ?? undefined }),
    prepare: (v, c, errors) => {
      needAmount(v, 'amountFen', errors);
      return { ...v, ...ref(c) };
    },
    fields: () => (
      <>
        <DateField path="onDate" label="救助日期" required />
        <MoneyField path="amountFen" label="先行救助金额" required />
      </>
    ),
    done: '已先行救助',
  },
  completePaperwork: {
    method: 'cases.completePaperwork',
    initial: () => ({ onDate: todayCn(), note: '' }),
    fields: () => (
      <>
        <DateField path="onDate" label="补办日期" required />
        <TextAreaField path="note" label="补办情况" required />
      </>
    ),
    done: '已补办手续',
  },
  recheck: {
    method: 'cases.recheck',
    initial: () => ({ onDate: todayCn(), result: 'unchanged', note: '' }),
    fields: () => (
      <>
        <DateField path="onDate" label="复核日期" required />
        <SelectField
          path="result"
          label="复核结果"
          data={choices({
            unchanged: '无变化，继续保障',
            change: '需调整金额（由审核人办理增发/减发）',
            stop: '不再符合条件（由审核人办理停止）',
          })}
          required
        />
        <TextAreaField path="note" label="复核情况" />
      </>
    ),
    done: '已登记复核',
  },
  changeAmount: {
    method: 'cases.changeAmount',
    initial: (c) => {
      const cur = c.amounts[c.amounts.length - 1];
      return {
        effectiveMonth: thisMonthCn(),
        kind: 'increase',
        baseFen: cur?.baseFen ?? c.monthlyAmountFen ?? undefined,
        supplementFen: cur?.supplementFen ?? 0,
        reason: '',
        lockReason: '',
      };
    },
    prepare: (v, c, errors) => {
      needAmount(v, 'baseFen', errors);
      needAmount(v, 'supplementFen', errors);
      return { ...dropBlank(v, ['lockReason']), ...ref(c) };
    },
    fields: (f, c) => (
      <>
        <Text size="sm">现月保障金额：{yuan(c.monthlyAmountFen)}</Text>
        <SimpleGrid cols={2}>
          <SelectField
            path="kind"
            label="变更类型"
            data={choices(['increase', 'decrease', 'correction'], 'amountKind')}
            required
          />
          <MonthField path="effectiveMonth" label="生效月份" required />
          <MoneyField path="baseFen" label="基本保障金（月）" required />
          <MoneyField path="supplementFen" label="分类施保/护理金（月）" required />
        </SimpleGrid>
        <TextField path="reason" label="变更原因" required />
        <TextField path="lockReason" label="更正原因" description={LOCK_HINT} />
      </>
    ),
    done: '已变更金额',
  },
  taper: {
    method: 'cases.taper',
    initial: () => ({ fromMonth: thisMonthCn(), months: 3, amountFen: undefined, reason: '', lockReason: '' }),
    prepare: (v, c) => ({ ...dropBlank(v, ['lockReason', 'amountFen']), ...ref(c) }),
    fields: () => (
      <>
        <SimpleGrid cols={2}>
          <MonthField path="fromMonth" label="渐退起始月份" required />
          <NumberField path="months" label="渐退月数（最多 6 个月）" required />
        </SimpleGrid>
        <MoneyField path="amountFen" label="渐退期月金额（不填则保持现金额）" />
        <TextField path="reason" label="原因（如：家庭成员就业，收入超过标准）" required />
        <TextField path="lockReason" label="更正原因" description={LOCK_HINT} />
      </>
    ),
    done: '已办理渐退',
  },
  stop: {
    method: 'cases.stop',
    initial: () => ({ stopMonth: thisMonthCn(), reason: '', lockReason: '' }),
    prepare: (v, c) => ({ ...dropBlank(v, ['lockReason']), ...ref(c) }),
    fields: () => (
      <>
        <MonthField path="stopMonth" label="停止月份（自该月起不再发放）" required />
        <TextAreaField path="reason" label="停止原因" required />
        <TextField path="lockReason" label="更正原因" description={LOCK_HINT} />
      </>
    ),
    done: '已停止救助',
  },
  setKin: {
    method: 'cases.setKin',
    initial: (c) => ({ kinOfStaff: c.kinOfStaff, kinNote: c.kinNote ?? '' }),
    prepare: (v, c) => ({ ...dropBlank(v, ['kinNote']), ...ref(c) }),
    fields: () => (
      <>
        <CheckField path="kinOfStaff" label="申请人是经办人员或村(居)委成员的近亲属" />
        <TextField path="kinNote" label="与哪位工作人员是何关系" />
      </>
    ),
    done: '已保存近亲属备案',
  },
};

/** The standard's amount for the case, with the explanation lines (for the reviewer before approving). */
export function ApprovalAmount({ c }: { c: CaseDetail }) {
  const [calc, setCalc] = useState<AmountCalc | string | null>(null);
  useEffect(() => {
    if (c.category === 'linshi') return;
    let live = true;
    call('cases.computeAmount', { id: c.id }).then(
      (r) => live && setCalc(r),
      (e: unknown) => live && setCalc(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [c.id, c.category]);
  if (c.category === 'linshi') return <Text size="sm">申请救助金额：{yuan(c.grantAmountFen)}</Text>;
  if (calc === null) return <Text size="sm">正在按标准计算…</Text>;
  if (typeof calc === 'string')
    return (
      <Text size="sm" c="red">
        无法按标准计算：{calc}
      </Text>
    );
  return (
    <div>
      <Text size="sm" fw={600}>
        按标准计算：每月 {yuan(calc.amountFen)}（{calc.coveredPersons} 人）
      </Text>
      <List size="sm">
        {calc.explain.map((line, i) => (
          <List.Item key={i}>{line}</List.Item>
        ))}
      </List>
    </div>
  );
}
