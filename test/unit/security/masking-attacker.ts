// The attacker the masking tests play: given one record (a spreadsheet row, a CSV row, an object the API returns)
// holding a masked ID number, rebuild the full number from what else the record shows.
//
// What the attacker knows: the address codes of the ledger (a township's residents come from a handful of county
// codes — assume all of them known), every date, year-month, year and age in the same record (each tried as the
// birth date, a date also shifted back by 1–100 whole years, since a 满18周岁 or 到龄 date is a birthday too), the
// sex, and the GB 11643 check character. For each hypothesis it enumerates the hidden digits and
// keeps the numbers whose check character is right. A record leaks when some hypothesis leaves at most THRESHOLD
// candidates and a real number of the ledger is among them: ten numbers can be tried one by one (a phone call, a
// counter), so a mask that leaves ten or fewer has not hidden the number (docs/DATA-SAFETY.md).
import { idCheckChar } from '../../../src/shared/idcard';

export const THRESHOLD = 10;

export type Record_ = Map<string, unknown>;

const ISO_DATE = /^(1[89]\d\d|20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/;
const COMPACT_DATE = /^(1[89]\d\d|20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;
const YEAR_MONTH = /^(1[89]\d\d|20\d\d)-(0[1-9]|1[0-2])$/;
const CN_DATE = /^(1[89]\d\d|20\d\d)年(\d{1,2})月(\d{1,2})日/;

/** A masked ID number: 15 or 18 characters of digits, X and at least four '*'. */
export function isMasked(v: unknown): v is string {
  return typeof v === 'string' && (v.length === 18 || v.length === 15) && /^[0-9X*]+$/.test(v) && /\*{4}/.test(v);
}

function isoOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (d <= end) {
    out.push(isoOf(d));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

function lastDay(y: number, m: number): string {
  return isoOf(new Date(Date.UTC(y, m, 0)));
}

interface Hypothesis {
  what: string;
  dates: string[];
}

/** Every birth-date hypothesis the record offers (dates, year-months, years, ages). */
export function hypotheses(rec: Record_, asOf: string): Hypothesis[] {
  const out: Hypothesis[] = [];
  for (const [key, raw] of rec) {
    const v = raw instanceof Date ? isoOf(raw) : raw;
    if (typeof v === 'string' && v.length > 12) {
      // Dates inside a longer text (a sentence, a note) are tried too.
      for (const m of v.matchAll(/(1[89]\d\d|20\d\d)[-年/.](\d{1,2})[-月/.](\d{1,2})/g)) {
        const d = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
        if (ISO_DATE.test(d)) out.push({ what: `${key}…${m[0]}`, dates: [d] });
      }
      continue;
    }
    if (typeof v === 'string') {
      const s = v.trim();
      let m = ISO_DATE.exec(s) ?? CN_DATE.exec(s);
      if (m) {
        const d = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
        out.push({ what: `${key}=${s}`, dates: [d] });
        // A date some whole years after the birthday (满18周岁日期, 到龄日期 …) gives the birth date away as well.
        for (let k = 1; k <= 100; k++) {
          const y = Number(d.slice(0, 4)) - k;
          if (y < 1880) break;
          const shifted = `${y}${d.slice(4)}`;
          if (ISO_DATE.test(shifted) && !Number.isNaN(Date.parse(`${shifted}T00:00:00Z`)))
            out.push({ what: `${key}=${s}（前推 ${k} 年）`, dates: [shifted] });
        }
        continue;
      }
      m = COMPACT_DATE.exec(s);
      if (m) {
        out.push({ what: `${key}=${s}`, dates: [`${m[1]}-${m[2]}-${m[3]}`] });
        continue;
      }
      m = YEAR_MONTH.exec(s);
      if (m) {
        const y = Number(m[1]);
        const mo = Number(m[2]);
        out.push({ what: `${key}=${s}`, dates: daysBetween(`${s}-01`, lastDay(y, mo)) });
        continue;
      }
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,4}$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isInteger(n)) continue;
    if (n >= 1880 && n <= Number(asOf.slice(0, 4))) {
      out.push({ what: `${key}=${n}（年份）`, dates: daysBetween(`${n}-01-01`, `${n}-12-31`) });
    }
    if (/age|年龄|周岁/i.test(key) && n >= 0 && n <= 130) {
      // Aged n on asOf: born after asOf − (n+1) years and on or before asOf − n years.
      const y = Number(asOf.slice(0, 4));
      const md = asOf.slice(5);
      const latest = `${y - n}-${md}`;
      const earliestDay = new Date(`${y - n - 1}-${md}T00:00:00Z`);
      earliestDay.setUTCDate(earliestDay.getUTCDate() + 1);
      out.push({ what: `${key}=${n}（年龄）`, dates: daysBetween(isoOf(earliestDay), latest) });
    }
  }
  return out;
}

function sexOf(rec: Record_): 'M' | 'F' | null {
  for (const [key, v] of rec) {
    if (!/sex|性别/i.test(key)) continue;
    if (v === 'M' || v === '男') return 'M';
    if (v === 'F' || v === '女') return 'F';
  }
  return null;
}

const fits = (known: string, value: string, at: number): boolean => {
  for (let i = 0; i < value.length; i++) {
    const k = known.charAt(at + i);
    if (k !== '*' && k !== value.charAt(i)) return false;
  }
  return true;
};

/**
 * The candidates one hypothesis leaves for a masked number (up to THRESHOLD + 1 of them: more means "too many").
 */
export function candidatesFor(masked: string, dates: string[], sex: 'M' | 'F' | null, regions: string[]): string[] {
  const legacy = masked.length === 15;
  const addrs = regions.filter((r) => fits(masked, r, 0));
  const births = dates
    .filter((d) => !legacy || d.startsWith('19')) // a 15-digit number holds a 19xx birth date as YYMMDD
    .map((d) => d.replaceAll('-', ''))
    .map((d) => (legacy ? d.slice(2) : d))
    .filter((d) => fits(masked, d, 6));
  const seqAt = legacy ? 12 : 14;
  const seqs: string[] = [];
  for (let s = 0; s < 1000; s++) {
    const seq = String(s).padStart(3, '0');
    if (!fits(masked, seq, seqAt)) continue;
    if (sex && (Number(seq.charAt(2)) % 2 === 1 ? 'M' : 'F') !== sex) continue;
    seqs.push(seq);
  }
  const check = legacy ? null : masked.charAt(17);
  // Without a check character to filter by, the count is a plain product: no need to enumerate a large one.
  if (legacy && addrs.length * births.length * seqs.length > THRESHOLD)
    return new Array<string>(THRESHOLD + 1).fill('');
  const out: string[] = [];
  for (const a of addrs) {
    for (const b of births) {
      for (const s of seqs) {
        const first = `${a}${b}${s}`;
        if (legacy) out.push(first);
        else {
          const c = idCheckChar(first);
          if (check === '*' || check === c) out.push(first + c);
        }
        if (out.length > THRESHOLD) return out;
      }
    }
  }
  return out;
}

export interface Leak {
  where: string;
  masked: string;
  hypothesis: string;
  candidates: number;
  rebuilt: string;
}

/**
 * The leaks of one record: for each masked number in it and each birth-date hypothesis, a small candidate set that
 * holds a real number of the ledger.
 */
export function leaksOf(where: string, rec: Record_, real: string[], regions: string[], asOf: string): Leak[] {
  // A masked number may stand alone in a cell or inside a sentence (a notification, a note).
  const masks = [
    ...new Set(
      [...rec.values()].flatMap((v) =>
        typeof v === 'string' ? [...v.matchAll(/[0-9X*]{15,18}/g)].map((m) => m[0]) : [],
      ),
    ),
  ].filter(isMasked);
  if (masks.length === 0) return [];
  const hyps = hypotheses(rec, asOf);
  const sex = sexOf(rec);
  const out: Leak[] = [];
  for (const m of masks) {
    const owners = real.filter((r) => r.length === m.length && fits(m, r, 0));
    if (owners.length === 0) continue;
    for (const h of hyps) {
      const c = candidatesFor(m, h.dates, sex, regions);
      if (c.length > THRESHOLD) continue;
      const hit = owners.find((o) => c.includes(o));
      if (hit) out.push({ where, masked: m, hypothesis: h.what, candidates: c.length, rebuilt: hit });
    }
  }
  return out;
}

/** Full numbers in a text: a real number of the ledger, or any 18-digit run whose GB 11643 check is right. */
export function fullNumbersIn(text: string, real: string[]): string[] {
  const found = new Set<string>();
  for (const r of real) if (text.includes(r)) found.add(r);
  for (const m of text.matchAll(/(?<![0-9])(\d{17}[\dX])(?![0-9X])/g)) {
    const s = m[1] ?? '';
    if (
      idCheckChar(s.slice(0, 17)) === s.charAt(17) &&
      ISO_DATE.test(`${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`)
    )
      found.add(s);
  }
  return [...found];
}

/** Records of any JSON value: every object (its own primitive fields), every array of primitives (a row). */
export function jsonRecords(v: unknown, path = '$'): { where: string; rec: Record_ }[] {
  const out: { where: string; rec: Record_ }[] = [];
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every((x) => x === null || typeof x !== 'object')) {
      out.push({ where: path, rec: new Map(v.map((x, i) => [String(i), x])) });
    } else v.forEach((x, i) => out.push(...jsonRecords(x, `${path}[${i}]`)));
  } else if (v && typeof v === 'object') {
    const own = new Map<string, unknown>();
    for (const [k, x] of Object.entries(v)) {
      if (x === null || typeof x !== 'object') own.set(k, x);
      else {
        // A nested object (not a list) is shown with its parent: its fields belong to the same record.
        if (!Array.isArray(x)) {
          for (const [kk, y] of Object.entries(x)) if (y === null || typeof y !== 'object') own.set(`${k}.${kk}`, y);
        }
        out.push(...jsonRecords(x, `${path}.${k}`));
      }
    }
    out.push({ where: path, rec: own });
  }
  return out;
}

/** Rows of a table as records keyed by the nearest header row above (a row naming 身份证 or 姓名). */
export function tableRecords(where: string, rows: unknown[][]): { where: string; rec: Record_ }[] {
  const out: { where: string; rec: Record_ }[] = [];
  let header: string[] | null = null;
  rows.forEach((r, i) => {
    const cells = r.map((c) => (c === null || c === undefined ? '' : c));
    if (cells.some((c) => typeof c === 'string' && /身份证|^姓名$/.test(c))) {
      header = cells.map((c) => String(c));
      return;
    }
    const rec: Record_ = new Map();
    cells.forEach((c, j) => rec.set(`${header?.[j] ?? ''}#${j}`, c));
    out.push({ where: `${where} 第 ${i + 1} 行`, rec });
  });
  return out;
}

/** A CSV (UTF-8, BOM allowed, RFC 4180 quoting) as rows of strings. */
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    if (quoted) {
      if (ch === '"' && s.charAt(i + 1) === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s.charAt(i + 1) === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
