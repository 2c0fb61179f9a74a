// The schema pieces every slice of the contract shares, so a record id, a version, a date, a month, an amount, a
// reason and a page are checked the same way — and with the same Chinese message — on every screen and in the
// dispatcher (docs/CONVENTIONS.md, "Fields"). A slice may add its own fields; it does not redefine these.
import { z } from 'zod';
import { normalizeText } from '../text';
import { isDate, isMonth } from '../time';

/** A record's text id (UUIDv7). */
export const id = z.string({ message: '缺少记录编号' }).min(1, '缺少记录编号');

/** The `version` of a record the clerk saw; a write with an older one is refused as a stale edit. */
export const version = z.number({ message: '缺少版本号' }).int('版本号应为整数').min(0, '版本号不能为负数');

/** A 'YYYY-MM-DD' date that exists on the calendar (2026-02-31 is refused). */
export const date = (what = '日期') =>
  z.string({ message: `请填写${what}` }).refine(isDate, `${what}应为有效日期（YYYY-MM-DD）`);

/** An optional date: '' and null mean none (returned as null). */
export const optDate = (what = '日期') =>
  z
    .string()
    .refine((s) => s === '' || isDate(s), `${what}应为有效日期（YYYY-MM-DD）`)
    .transform((s) => (s === '' ? null : s))
    .nullish()
    .transform((v) => v ?? null);

/** A 'YYYY-MM' month. */
export const month = (what = '月份') => z.string({ message: `请填写${what}` }).refine(isMonth, `${what}应为 YYYY-MM`);

/** An amount in integer fen (分), never negative. */
export const fen = (what = '金额') =>
  z
    .number({ message: `请填写${what}` })
    .int(`${what}应精确到分`)
    .min(0, `${what}不能为负数`)
    .max(1_000_000_000_000, `${what}过大，请核对`);

/** Why a clerk does something (void, correct, reopen …): one rule everywhere — at least 2 characters. */
/** Text is normalised first (full-width letters and digits folded, runs of spaces made one, ends trimmed). */
export const reason = (what = '原因', max = 500) =>
  z
    .string({ message: `请填写${what}` })
    .transform(normalizeText)
    .pipe(z.string().min(1, `请填写${what}`).min(2, `${what}至少写 2 个字`).max(max, `${what}不能超过 ${max} 个字`));

/** Optional free text up to `max` characters, trimmed; blank (or absent) is null. */
export const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `不能超过 ${max} 个字`)
    .nullable()
    .optional()
    .transform((s) => (s ? s : null));

/** The paging input of a list (`{ offset, limit }`); `max` caps what one call may load. */
export const paging = (max = 500, byDefault = 50) => ({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(max).default(byDefault),
});

/** One page of a list: the rows and the total that matched. */
export interface Page<T> {
  rows: T[];
  total: number;
}

/**
 * A person on one of the township's visiting registers (儿童福利, 特殊困难老年人) as a list shows them: masked ID
 * number, age, village, and when the next visit is due.
 */
export interface VisitedPersonSummary {
  id: string;
  name: string;
  /** Masked (**************002X). */
  idNumberMasked: string;
  sex: 'M' | 'F';
  age: number;
  villageId: string;
  villageName: string;
  status: 'active' | 'ended';
  lastVisitOn: string | null;
  /** Next visit due by this date (null once ended). */
  nextDueOn: string | null;
  overdue: boolean;
  version: number;
}
