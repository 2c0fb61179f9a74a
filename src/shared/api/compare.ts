// Contract slice: 数据比对 — a list from another department (deaths from 殡葬/公安, public servants, vehicles,
// business registrations, property, or a custom list) matched by ID number against every person in the ledgers.
// Each hit becomes a work item (待核查) with a deadline and a recorded outcome; every comparison is kept.
import { z } from 'zod';
import { method } from './contract';
import { date, paging } from './fields';

export const compareLists = ['deaths', 'public-servants', 'vehicles', 'business', 'property', 'custom'] as const;
export type CompareListValue = (typeof compareLists)[number];
export const COMPARE_LIST_LABELS: Record<CompareListValue, string> = {
  deaths: '死亡（殡葬火化/公安户籍注销）名单',
  'public-servants': '财政供养人员名单',
  vehicles: '车辆登记名单',
  business: '市场主体（工商）登记名单',
  property: '不动产登记名单',
  custom: '其他名单',
};

export const compareEffects = ['active_recipient', 'member_of_paying_household', 'stopped', 'register_only'] as const;
export type CompareEffectValue = (typeof compareEffects)[number];
export const COMPARE_EFFECT_LABELS: Record<CompareEffectValue, string> = {
  active_recipient: '在保对象',
  member_of_paying_household: '在保家庭的非保障成员',
  stopped: '已停保对象',
  register_only: '仅在老年人/儿童名册中',
};

export const checkOutcomes = ['true_handled', 'partly_adjusted', 'not_true', 'already_stopped', 'exempt'] as const;
export type CheckOutcomeValue = (typeof checkOutcomes)[number];
export const CHECK_OUTCOME_LABELS: Record<CheckOutcomeValue, string> = {
  true_handled: '属实已处理',
  partly_adjusted: '部分属实已调整',
  not_true: '不属实',
  already_stopped: '已停保',
  exempt: '属实但不影响保障（如生产用车）',
};

/** One hit as `civil-ledger compare --json` prints it. */
export interface CompareHitJson {
  /** The row number on the list's sheet. */
  row: number;
  name: string;
  idMasked: string;
  effect: CompareEffectValue;
  cases: { id: string; category: string; status: string }[];
}

export interface CompareResult {
  batchId: string;
  list: CompareListValue;
  file: string;
  /** Data rows read (after the header). */
  rows: number;
  hits: CompareHitJson[];
  /** Rows with a valid ID number that matched nobody with an effect. */
  notOnLedger: number;
  /** Rows left out, with the reason (no or invalid ID number, bad death date …). */
  badRows: { row: number; message: string }[];
  sheet: string;
  headerRow: number;
  /** With --record on a deaths list: deaths recorded, and rows that could not be. */
  recorded: { row: number; name: string; personId: string }[];
  notRecorded: { row: number; name: string; message: string }[];
}

export interface CompareBatchView {
  id: string;
  list: CompareListValue;
  fileName: string;
  fileSha256: string;
  comparedOn: string;
  byName: string;
  rows: number;
  hits: number;
  notOnLedger: number;
  badRows: number;
  counts: Partial<Record<CompareEffectValue, number>>;
  recordedDeaths: number;
  open: number;
}

export interface CompareHitView extends CompareHitJson {
  id: string;
  batchId: string;
  list: CompareListValue;
  fileName: string;
  personId: string;
  ledgerName: string;
  columns: Record<string, string>;
  status: 'open' | 'closed';
  dueOn: string;
  overdue: boolean;
  outcome: CheckOutcomeValue | null;
  outcomeNote: string | null;
  checkedOn: string | null;
  checkedByName: string | null;
  version: number;
}

export const MAX_COMPARE_BYTES = 48 * 1024 * 1024;

export const compareApi = {
  /** Reads the list, matches it, keeps the comparison and opens a 待核查 item per hit; `record` on a deaths list records each death. */
  'compare.run': method<CompareResult>()({
    input: z.object({
      list: z.enum(compareLists, { message: '请选择名单类型' }),
      fileName: z.string().trim().min(1, '请选择文件').max(255, '文件名过长'),
      data: z
        .string()
        .min(1, '文件为空')
        .max(Math.ceil(MAX_COMPARE_BYTES / 3) * 4 + 4, '文件超过 48 MB，请拆成几个文件分别比对'),
      record: z.boolean().optional(),
    }),
    access: 'clerk',
    write: true,
  }),
  'compare.batches': method<CompareBatchView[]>()({ input: z.object({}), access: 'clerk' }),
  'compare.hits': method<{ rows: CompareHitView[]; total: number }>()({
    input: z.object({
      batchId: z.string().optional(),
      status: z.enum(['open', 'closed']).optional(),
      ...paging(500, 50),
    }),
    access: 'clerk',
  }),
  /** The check of one hit: its outcome (journalled). */
  'compare.check': method<CompareHitView>()({
    input: z.object({
      id: z.string().min(1, '缺少记录编号'),
      version: z.number().int(),
      outcome: z.enum(checkOutcomes, { message: '请选择核查结果' }),
      checkedOn: date('核查日期'),
      note: z.string().trim().min(2, '请填写核查情况（入户时间、核查人、证据等）').max(1000, '不能超过 1000 个字'),
    }),
    access: 'clerk',
    write: true,
  }),
};
