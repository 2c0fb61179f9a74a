// Contract slice: 物资与服务类救助 (goods register with stock that never goes below zero, grants in goods or services)
// and 慈善帮扶 (charity aid per household, kept apart from government aid, with the income rule).
import { z } from 'zod';
import { method } from './contract';
import { date, fen, id, optText, paging, reason, version } from './fields';

const voidInput = z.object({ id, version, reason: reason('原因', 200) });

export interface GoodsStockRow {
  itemId: string;
  name: string;
  unit: string;
  /** 入库 − 出库, never below zero. */
  stock: number;
  /** Value of the stock at the average unit value of what came in (fen). */
  valueFen: number;
}

export interface GoodsMoveView {
  id: string;
  itemId: string;
  itemName: string;
  unit: string;
  kind: 'in_purchase' | 'in_donation' | 'out_grant' | 'out_other';
  quantity: number;
  unitValueFen: number;
  valueFen: number;
  onDate: string;
  source: string | null;
  householdId: string | null;
  householdHead: string | null;
  caseId: string | null;
  note: string | null;
  voided: boolean;
  version: number;
}

export interface ServiceAidView {
  id: string;
  householdId: string;
  caseId: string | null;
  service: string;
  provider: string;
  hours: number;
  valueFen: number;
  onDate: string;
  note: string | null;
  voided: boolean;
  version: number;
}

export interface CharityAidView {
  id: string;
  householdId: string;
  householdHead: string | null;
  sourceKind: 'charity_federation' | 'community_fund' | 'enterprise' | 'individual' | 'other';
  sourceName: string;
  form: 'cash' | 'goods';
  amountFen: number;
  description: string | null;
  onDate: string;
  countsAsIncome: boolean;
  referralConsent: boolean;
  note: string | null;
  voided: boolean;
  version: number;
}

export interface HouseholdAidView {
  goods: GoodsMoveView[];
  services: ServiceAidView[];
  charity: CharityAidView[];
}

export interface CharityYear {
  year: number;
  rows: {
    householdId: string;
    householdHead: string;
    villageName: string;
    count: number;
    cashFen: number;
    goodsFen: number;
    incomeFen: number;
  }[];
  totalCashFen: number;
  totalGoodsFen: number;
  /** The part that counts as household income under the rule. */
  totalIncomeFen: number;
}

export interface CharityIncomeRule {
  /** One-off charity aid below this amount is not household income (a local exemption; 0 = all counts). */
  exemptBelowFen: number;
  version: number | null;
}

export const aidApi = {
  'goods.stock': method<GoodsStockRow[]>()({ input: z.object({}), access: 'clerk' }),
  'goods.moves': method<{ rows: GoodsMoveView[]; total: number }>()({
    input: z.object({ itemId: z.string().optional(), ...paging(200) }),
    access: 'clerk',
  }),
  /** 入库: a purchase or a donation. A new item is created by name and unit. */
  'goods.receive': method<GoodsStockRow[]>()({
    input: z.object({
      itemName: z.string().trim().min(1, '请填写物资名称').max(60),
      unit: z.string().trim().min(1, '请填写计量单位').max(10),
      kind: z.enum(['in_purchase', 'in_donation'], { message: '请选择来源' }),
      quantity: z.number({ message: '请填写数量' }).int('数量应为整数').min(1, '数量至少为 1'),
      unitValueFen: fen('单价'),
      onDate: date('入库日期'),
      source: z.string().trim().min(1, '请填写供货单位或捐赠方').max(100),
      note: optText(200),
    }),
    access: 'clerk',
    write: true,
  }),
  /** 出库: goods to a household (a grant in goods, linked to its case) or other use. Refused beyond the stock. */
  'goods.issue': method<GoodsStockRow[]>()({
    input: z.object({
      itemId: z.string().min(1, '请选择物资'),
      kind: z.enum(['out_grant', 'out_other']),
      quantity: z.number({ message: '请填写数量' }).int('数量应为整数').min(1, '数量至少为 1'),
      onDate: date('出库日期'),
      householdId: z.string().nullable().optional(),
      caseId: z.string().nullable().optional(),
      source: optText(100),
      note: optText(200),
    }),
    access: 'clerk',
    write: true,
  }),
  'goods.void': method<GoodsStockRow[]>()({
    input: voidInput,
    access: 'reviewer',
    write: true,
  }),
  'services.add': method<ServiceAidView>()({
    input: z.object({
      householdId: z.string().min(1),
      caseId: z.string().nullable().optional(),
      service: z.string().trim().min(2, '请填写服务内容').max(100),
      provider: z.string().trim().min(1, '请填写服务提供方').max(100),
      hours: z.number({ message: '请填写服务时长' }).positive('时长应大于 0').max(1000),
      valueFen: fen('折合金额').default(0),
      onDate: date('服务日期'),
      note: optText(200),
    }),
    access: 'clerk',
    write: true,
  }),
  'charity.add': method<CharityAidView>()({
    input: z.object({
      householdId: z.string().min(1),
      sourceKind: z.enum(['charity_federation', 'community_fund', 'enterprise', 'individual', 'other'], {
        message: '请选择来源',
      }),
      sourceName: z.string().trim().min(1, '请填写帮扶来源（如：某某社区慈善基金）').max(100),
      form: z.enum(['cash', 'goods'], { message: '请选择形式' }),
      amountFen: z.number({ message: '请填写金额' }).int('金额应精确到分').min(1, '金额应大于 0'),
      description: optText(200),
      onDate: date('帮扶日期'),
      referralConsent: z.boolean().default(false),
      note: optText(200),
    }),
    access: 'clerk',
    write: true,
  }),
  'charity.void': method<CharityAidView>()({
    input: voidInput,
    access: 'clerk',
    write: true,
  }),
  'aid.household': method<HouseholdAidView>()({ input: z.object({ householdId: z.string() }), access: 'clerk' }),
  'charity.year': method<CharityYear>()({
    input: z.object({ year: z.number().int().min(2000).max(2100) }),
    access: 'clerk',
  }),
  'charity.rule': method<CharityIncomeRule>()({ input: z.object({}), access: 'clerk' }),
  'charity.saveRule': method<CharityIncomeRule>()({
    input: z.object({ exemptBelowFen: fen('免计金额'), version: z.number().int().nullable() }),
    access: 'reviewer',
    write: true,
  }),
};
