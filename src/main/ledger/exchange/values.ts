// Cell value -> ledger value, for the forms clerks type: every parser returns the value or a Chinese message that
// says what was seen and what is expected. Labels (categories, relations, status) are matched loosely here.
import type { Area, CaseCategory } from '../cases';
import { parseIdNumber } from '../../../shared/idcard';
import { parseYuan } from '../../../shared/money';
import { parseLooseDate, parseLooseMonth } from '../../../shared/time';
import { normalizeText, toHalfWidth } from '../../../shared/text';
import { isCellProblem, type CellValue } from './cells';

export type Parsed<T> = { ok: true; value: T; warning?: string } | { ok: false; message: string };

const ok = <T>(value: T, warning?: string): Parsed<T> => (warning ? { ok: true, value, warning } : { ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

/** What the clerk sees in the cell, for problem reports. */
export function shownValue(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (isCellProblem(v)) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' && Math.abs(v) >= 1e15) return v.toExponential(5).toUpperCase();
  const s = String(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && normalizeText(v) === '');
}

/** A cell saying “nothing here” the way clerks write it: a dash or slash (—, -, /), 无, 暂无, 空. */
export function isPlaceholder(v: CellValue | undefined): boolean {
  return typeof v === 'string' && /^(?:[-—–－_/／\\]+|无|暂无|空)$/u.test(toHalfWidth(v).replace(/\s/g, ''));
}

export function text(v: CellValue | undefined): string {
  if (v === null || v === undefined || isCellProblem(v)) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return normalizeText(String(v));
}

export interface ParsedId {
  value: string;
  legacy: boolean;
  sex: 'M' | 'F';
  birthDate: string;
}

export function parseIdCell(v: CellValue | undefined, today: string): Parsed<ParsedId> {
  if (typeof v === 'number') {
    // A number cell keeps 15 significant digits: an 18-digit number typed into a General cell is already lost.
    if (!Number.isInteger(v) || Math.abs(v) >= 1e15) {
      const r = parseIdNumber(v.toExponential(5).toUpperCase(), { today });
      return r.ok ? fail('身份证号码无效') : fail(r.message);
    }
    v = String(v);
  }
  let s = text(v);
  if (s === '') return fail('身份证号码为空');
  s = s.replace(/^['‘’`]/u, '');
  if (s.includes('*'))
    return fail('身份证号码已被遮蔽（含 *），无法导入。请导出时选择“含完整身份证号码”，或填写完整号码');
  const r = parseIdNumber(s, { today });
  if (!r.ok) return fail(r.message);
  return ok(
    { value: r.value, legacy: r.legacy, sex: r.sex, birthDate: r.birthDate },
    r.legacy ? '旧版15位身份证号码，请核对是否已换发18位号码' : undefined,
  );
}

/**
 * The earliest year a month or date in a ledger or register can be: a value read before it is a misreading, most
 * often a short number taken as an Excel day count (“23.5” → 1900-01-23), and is refused, never stored.
 */
const EARLIEST_YEAR = 1950;
const tooEarly = (what: string, v: CellValue, read: string): Parsed<never> =>
  fail(
    `${what}「${shownValue(v)}」读出来是 ${read}，早于 ${EARLIEST_YEAR} 年，不像是台账中的日期。` +
      '请写成完整的年月，如 2023-05、2023年5月',
  );

export function parseMonthCell(v: CellValue | undefined, what: string): Parsed<string> {
  if (v === null || v === undefined || isCellProblem(v)) return fail(`${what}为空`);
  const m = parseLooseMonth(typeof v === 'boolean' ? String(v) : v);
  if (m === null) {
    return fail(`${what}「${shownValue(v)}」无法识别，应为年月，如 2023-05、2023/5/1、2023年5月、202305`);
  }
  if (Number(m.slice(0, 4)) < EARLIEST_YEAR) return tooEarly(what, v, m);
  return ok(m);
}

export function parseDateCell(v: CellValue | undefined, what: string): Parsed<string> {
  if (v === null || v === undefined || isCellProblem(v)) return fail(`${what}为空`);
  const input = typeof v === 'boolean' ? String(v) : v;
  const m = parseLooseMonth(input);
  const d = parseLooseDate(input) ?? (m === null ? null : `${m}-01`);
  if (d === null) return fail(`${what}「${shownValue(v)}」无法识别，应为日期，如 2023-05-01、2023/5/1、2023年5月1日`);
  if (Number(d.slice(0, 4)) < EARLIEST_YEAR) return tooEarly(what, v, d);
  return ok(d);
}

export function parseAmountCell(v: CellValue | undefined, what: string): Parsed<number> {
  if (v === null || v === undefined || isCellProblem(v) || v instanceof Date || typeof v === 'boolean') {
    return fail(`${what}为空`);
  }
  // A leading apostrophe is Excel's “keep as text” mark typed into the cell (kept by CSV exports and some tools).
  const r = parseYuan(typeof v === 'string' ? v.replace(/^\s*['‘’`]/u, '') : v);
  return r.ok ? ok(r.fen) : fail(`${what}：${r.message}`);
}

export function parseCountCell(v: CellValue | undefined, what: string): Parsed<number> {
  const s = text(v).replace(/[人口个]$/u, '');
  if (/^\d{1,3}$/.test(s) && Number(s) > 0) return ok(Number(s));
  return fail(`${what}「${shownValue(v)}」应为正整数`);
}

export function parseSexCell(v: CellValue | undefined): Parsed<'M' | 'F'> {
  const s = text(v).toUpperCase();
  if (s === '男' || s === 'M' || s === '男性') return ok('M');
  if (s === '女' || s === 'F' || s === '女性') return ok('F');
  return fail(`性别「${shownValue(v)}」应为 男 或 女`);
}

export interface ParsedCategory {
  category: CaseCategory;
  area: Area | null;
  singlePerson: boolean;
  supportMode: 'centralized' | 'dispersed' | null;
}

/**
 * 保障类别 as ledgers write it: 农村低保, 城市低保, 城镇低保（单人保）, 特困供养, 农村特困（分散）, 五保, 低保边缘,
 * 临时救助, 刚性支出, 残疾人两项补贴 (生活补贴/护理补贴), 孤儿, 事实无人抚养儿童. The urban/rural part and 供养方式
 * often travel in the same label.
 */
export function parseCategoryCell(v: CellValue | undefined): Parsed<ParsedCategory> {
  const raw = text(v);
  const s = raw.replace(/\s/g, '');
  if (s === '') return fail('保障类别为空');
  const area: Area | null = /城市|城镇|城区|^城/.test(s) ? 'urban' : /农村|乡村|^农/.test(s) ? 'rural' : null;
  const supportMode = /集中/.test(s) ? 'centralized' : /分散|散居/.test(s) ? 'dispersed' : null;
  let category: CaseCategory | null = null;
  if (/边缘/.test(s)) category = 'bianyuan';
  else if (/低保|最低生活保障|单人保/.test(s)) category = 'dibao';
  else if (/特困|五保|供养/.test(s)) category = 'tekun';
  else if (/临时救助|临救|急难|支出型/.test(s)) category = 'linshi';
  else if (/刚性支出|刚性/.test(s)) category = 'gangxing';
  else if (/残/.test(s) && /护理/.test(s)) category = 'canji_care';
  else if (/残/.test(s) && /生活/.test(s)) category = 'canji_living';
  else if (/事实无人抚养|事实孤儿/.test(s)) category = 'wurenfuyang';
  else if (/孤儿/.test(s)) category = 'guer';
  if (category === null) {
    return fail(
      `保障类别「${raw}」无法识别，应为：农村低保、城市低保、特困供养、低保边缘、临时救助、刚性支出、困难残疾人生活补贴、重度残疾人护理补贴、孤儿、事实无人抚养儿童`,
    );
  }
  return ok({ category, area, singlePerson: /单人保|单人户保/.test(s), supportMode });
}

export function parseAreaCell(v: CellValue | undefined): Parsed<Area> {
  const s = text(v).replace(/\s/g, '');
  if (/^(城市|城镇|城|非农业|非农|居民|urban)/i.test(s)) return ok('urban');
  if (/^(农村|乡村|农|农业|rural)/i.test(s)) return ok('rural');
  return fail(`城乡「${text(v)}」应为 城市 或 农村`);
}

export function parseSupportModeCell(v: CellValue | undefined): Parsed<'centralized' | 'dispersed'> {
  const s = text(v);
  if (/集中/.test(s)) return ok('centralized');
  if (/分散|散居|居家/.test(s)) return ok('dispersed');
  return fail(`供养方式「${s}」应为 集中供养 或 分散供养`);
}

export function parseCareGradeCell(v: CellValue | undefined): Parsed<'full' | 'partial' | 'none'> {
  const s = text(v);
  if (/全护理|完全丧失/.test(s)) return ok('full');
  if (/半护理|部分丧失/.test(s)) return ok('partial');
  if (/全自理|具备|自理/.test(s)) return ok('none');
  return fail(`照料护理等级「${s}」应为 全护理、半护理 或 全自理`);
}

export type ImportStatus = 'active' | 'stopped';

export function parseStatusCell(v: CellValue | undefined): Parsed<ImportStatus> {
  const s = text(v).replace(/\s/g, '');
  if (/^(在保|正常|享受|享受中|有效|在册|在享|新增|保障中|active)$/i.test(s)) return ok('active');
  if (/停保|已停|退出|停发|注销|终止|取消|死亡|stopped/i.test(s)) return ok('stopped');
  return fail(`状态「${text(v)}」应为 在保 或 停保`);
}

const RELATIONS: [RegExp, string][] = [
  [/^(户主|本人|户主本人|本户)$/, '户主'],
  [/^(配偶|妻|妻子|夫|丈夫|之妻|之夫|爱人|老伴)$/, '配偶'],
  [/^(子|儿子|长子|次子|三子|四子|独子|养子|继子|之子)$/, '子'],
  [/^(女|女儿|长女|次女|三女|四女|独女|养女|继女|之女)$/, '女'],
  [/^(父亲|父|之父)$/, '父亲'],
  [/^(母亲|母|之母)$/, '母亲'],
  [/^(孙子|孙女|孙子女|外孙|外孙女|外孙子女|孙)$/, '孙子女'],
  [/^(兄|弟|姐|妹|哥哥|弟弟|姐姐|妹妹|兄弟|姐妹|兄弟姐妹)$/, '兄弟姐妹'],
];

/** 与户主关系 folded to the ledger's list; anything else is kept as 其他 with a warning. */
export function parseRelationCell(v: CellValue | undefined): Parsed<string> {
  const s = text(v).replace(/\s/g, '');
  for (const [re, value] of RELATIONS) if (re.test(s)) return ok(value);
  return ok('其他', `与户主关系「${s}」记为“其他”`);
}

/**
 * A signature or note line under the table: every filled cell is a label and a colon (制表人：张三 … 审核人：李四 …
 * 制表日期：2026年11月30日, 填报单位：…, 注：…). Offices type these anywhere on the row — under 姓名 or 身份证号码 too —
 * so the row is told by its form, not by which columns are empty. A data row always has a cell without a label.
 */
export function isNoteRow(cells: CellValue[]): boolean {
  let labelled = 0;
  for (const c of cells) {
    if (c === null || c === undefined || (typeof c === 'string' && c.trim() === '')) continue;
    if (typeof c !== 'string' || !NOTE_LABEL.test(toHalfWidth(c).trim())) return false;
    labelled++;
  }
  return labelled > 0;
}
const NOTE_LABEL = /^[\u4e00-\u9fff()、]{1,10}\s*:/u;

export function isTotalRow(cells: CellValue[]): boolean {
  // Every label below holds 计: a cell without it is no total (the test that runs first, on every cell of every row).
  return cells.some(
    (c) => typeof c === 'string' && c.includes('计') && /^(合\s*计|总\s*计|小\s*计|共计)/u.test(toHalfWidth(c).trim()),
  );
}
