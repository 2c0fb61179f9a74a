// Cell -> value readers for the register kinds (养老服务设施, 特殊困难老年人, 社会组织, 儿童福利): labels read loosely
// (a clerk writes 社区养老服务站, 服务站 or 日间照料站), lists split on the separators ledgers use, yes/no in its
// several spellings. Each returns the value or a Chinese message saying what was seen and what is expected.
import { labels } from '../../../../shared/labels';
import type { CellValue } from '../cells';
import { isBlank, parseAmountCell, parseDateCell, shownValue, text, type Parsed } from '../values';

const ok = <T>(value: T, warning?: string): Parsed<T> => (warning ? { ok: true, value, warning } : { ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

/** One value of an enumeration: the exact label first, then the loose patterns in order. */
export interface EnumTable<T extends string> {
  what: string;
  /** Stored value -> the label templates and exports write. */
  labels: Readonly<Record<T, string>>;
  /** Further spellings, tried after the labels (first match wins). */
  patterns: readonly (readonly [RegExp, T])[];
}

const fold = (s: string): string => s.replace(/\s+/gu, '').replace(/（/gu, '(').replace(/）/gu, ')');

export function matchEnum<T extends string>(raw: string, table: EnumTable<T>): T | null {
  const s = fold(raw);
  if (s === '') return null;
  for (const [value, label] of Object.entries(table.labels) as [T, string][]) {
    if (fold(label) === s || value === s) return value;
  }
  for (const [re, value] of table.patterns) if (re.test(s)) return value;
  return null;
}

export function enumCell<T extends string>(v: CellValue | undefined, table: EnumTable<T>): Parsed<T> {
  const raw = text(v);
  if (raw === '') return fail(`${table.what}为空`);
  const value = matchEnum(raw, table);
  if (value !== null) return ok(value);
  return fail(`${table.what}「${shownValue(v)}」无法识别，应为：${Object.values<string>(table.labels).join('、')}`);
}

/** A list in one cell: 助餐、助浴 / 独居,空巢 / 孤儿；留守 … (duplicates dropped, order kept). */
export function listCell<T extends string>(v: CellValue | undefined, table: EnumTable<T>): Parsed<T[]> {
  const raw = text(v);
  if (raw === '') return ok([]);
  const parts = raw
    .split(/[、,，;；/|\n]+|\s{1,}/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: T[] = [];
  const unknown: string[] = [];
  for (const p of parts) {
    const value = matchEnum(p, table);
    if (value === null) unknown.push(p);
    else if (!out.includes(value)) out.push(value);
  }
  if (unknown.length > 0) {
    return fail(
      `${table.what}「${unknown.join('、')}」无法识别，应为：${Object.values<string>(table.labels).join('、')}（多项用顿号分隔）`,
    );
  }
  return ok(out);
}

/** The label list a template writes for a set of values. */
export function listText<T extends string>(values: readonly T[], table: EnumTable<T>): string {
  return values.map((v) => table.labels[v]).join('、');
}

/** A whole number ≥ 0; blank = `blank` (null: blank is “not given”). */
export function countCell(v: CellValue | undefined, what: string, blank: number | null): Parsed<number | null> {
  if (isBlank(v)) return ok(blank);
  const s = typeof v === 'number' ? String(v) : text(v).replace(/[人个名张家年届]$/u, '');
  if (/^\d{1,9}$/.test(s)) return ok(Number(s));
  return fail(`${what}「${shownValue(v)}」应为不小于 0 的整数`);
}

/** 是/否 in its spellings: 是 有 √ Y 已建立 / 否 无 × N 未建立; blank = `blank`. */
export function yesNoCell(v: CellValue | undefined, what: string, blank: boolean | null): Parsed<boolean | null> {
  if (isBlank(v)) return ok(blank);
  if (typeof v === 'boolean') return ok(v);
  const s = fold(text(v)).toUpperCase();
  if (/^(是|有|√|✓|Y|YES|TRUE|1|已建立|已建|建立)$/.test(s)) return ok(true);
  if (/^(否|无|没有|×|✗|N|NO|FALSE|0|未建立|未建)$/.test(s)) return ok(false);
  return fail(`${what}「${shownValue(v)}」应为 是 或 否`);
}

/** A date, or null when blank. */
export function optDateCell(v: CellValue | undefined, what: string): Parsed<string | null> {
  if (isBlank(v)) return ok(null);
  return parseDateCell(v, what);
}

/** An amount in 元 to the fen, or `blank` when empty. */
export function moneyCell(v: CellValue | undefined, what: string, blank: number | null): Parsed<number | null> {
  if (isBlank(v)) return ok(blank);
  return parseAmountCell(v, what);
}

/** Optional text: null when blank. */
export function optText(v: CellValue | undefined): string | null {
  const s = text(v);
  return s === '' ? null : s;
}

/** A phone cell: numbers typed as numbers lose nothing (no leading zeros in mobile numbers), text as is. */
export function phoneText(v: CellValue | undefined): string | null {
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  return optText(v);
}

/** Enumeration tables from the app's labels (src/shared/labels.ts) plus the spellings ledgers use. */
export const ENUMS = {
  facilityType: {
    what: '设施类型',
    labels: labels.facilityType,
    patterns: [
      [/敬老院|供养|福利院|养老院|养老机构|护理院|康养/, 'nursing_home'],
      [/助餐|食堂|餐厅/, 'meal_point'],
      [/互助|睦邻|幸福院|老年之家/, 'mutual_aid'],
      [/站|日间照料/, 'station'],
      [/中心/, 'center'],
      [/其他|其它/, 'other'],
    ],
  },
  facilityStatus: {
    what: '运营状态',
    labels: labels.facilityStatus,
    patterns: [
      [/建设|在建|筹建/, 'building'],
      [/运营|营业|正常|开业/, 'operating'],
      [/停|关闭|注销|撤销/, 'closed'],
    ],
  },
  legalForm: {
    what: '单位性质',
    labels: labels.legalForm,
    patterns: [
      [/事业/, 'public_institution'],
      [/民非|民办非企业|社会服务机构/, 'private_non_enterprise'],
      [/工商|企业|公司/, 'company'],
      [/未登记|无/, 'unregistered'],
    ],
  },
  operatingModel: {
    what: '运营方式',
    labels: labels.operatingModel,
    patterns: [
      [/公建民营|委托|社会化运营/, 'public_private'],
      [/公办|公营/, 'public_public'],
      [/民办/, 'private_private'],
    ],
  },
  premises: {
    what: '用房性质',
    labels: labels.premises,
    patterns: [
      [/自有|产权/, 'owned'],
      [/租/, 'leased'],
      [/无偿|借用|提供/, 'lent'],
      [/其他|其它/, 'other'],
    ],
  },
  serviceItem: {
    what: '服务项目',
    labels: labels.serviceItem,
    patterns: [
      [/餐|饭/, 'meal'],
      [/浴/, 'bath'],
      [/医/, 'medical'],
      [/日间|日托/, 'day_care'],
      [/上门|居家/, 'home_service'],
      [/洁|保洁/, 'cleaning'],
      [/急|呼叫/, 'emergency'],
      [/康复|护理/, 'rehab'],
      [/托养|喘息/, 'respite'],
      [/文化|娱乐|文体/, 'culture'],
    ],
  },
  elderlyCategory: {
    what: '类别',
    labels: labels.elderlyCategory,
    patterns: [
      [/独居|孤寡/, 'alone'],
      [/空巢/, 'empty_nest'],
      [/留守/, 'left_behind'],
      [/重残|重度残疾/, 'severe_disability'],
      [/失能|半失能/, 'disabled'],
      [/计生|计划生育|失独/, 'family_planning'],
    ],
  },
  riskLevel: {
    what: '风险等级',
    labels: labels.riskLevel,
    patterns: [
      [/高/, 'high'],
      [/重点|中/, 'key'],
      [/一般|低|普通/, 'general'],
    ],
  },
  childCategory: {
    what: '儿童类别',
    labels: labels.childCategory,
    patterns: [
      [/事实无人抚养|事实孤儿/, 'de_facto'],
      [/孤儿/, 'orphan'],
      [/留守/, 'left_behind'],
      [/重病|大病/, 'difficulty_illness'],
      [/重残|残疾/, 'difficulty_disability'],
      [/经济困难|贫困|低保/, 'difficulty_poverty'],
      [/监护/, 'difficulty_guardianship'],
    ],
  },
  parentStatus: {
    what: '父母情况',
    labels: labels.parentStatus,
    patterns: [
      [/死亡|去世|已故|亡/, 'dead'],
      [/失踪|失联|查找不到|下落不明/, 'missing'],
      [/服刑|在押|戒毒|羁押/, 'imprisoned'],
      [/重残|残疾/, 'severe_disability'],
      [/重病|大病/, 'severe_illness'],
      [/务工|外出|在外/, 'working_away'],
      [/在家|健在|正常|健康|共同生活/, 'present'],
      [/不详|不明|未知/, 'unknown'],
    ],
  },
  childPlacement: {
    what: '养育方式',
    labels: labels.childPlacement,
    patterns: [
      [/机构|集中|福利院/, 'institution'],
      [/寄养/, 'foster'],
      [/亲属|散居|家庭/, 'family'],
    ],
  },
} as const satisfies Record<string, EnumTable<string>>;

/** A value as the change list shows it: labels for enumerations, lists joined, money in 元, blanks named. */
export function shownOf(value: unknown, table?: EnumTable<string>, money = false): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (Array.isArray(value)) return value.map((v) => shownOf(v, table)).join('、') || '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (money && typeof value === 'number') return (value / 100).toFixed(2);
  if (table && typeof value === 'string') return (table.labels as Record<string, string>)[value] ?? value;
  return String(value);
}

/** Values in the order of their table (so 助浴、助餐 and 助餐、助浴 compare equal). */
export function inTableOrder<T extends string>(values: readonly T[], table: EnumTable<T>): T[] {
  const order = Object.keys(table.labels);
  return [...values].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}
