// Finds the header of a sheet: anywhere in its first 15 non-empty rows (titles and notes above it are common), on
// one row or two (a merged group title above its sub-columns: 保障金额 / 基础保障金 · 分类施保 · 合计), and maps
// each column to a field through the user's mapping first, then the synonym table.
import { isCellProblem, type CellValue, type SheetRow } from './cells';
import { headerKey, type FieldTable } from './fields';

export const HEADER_SEARCH_ROWS = 15;

export interface ColumnInfo<F extends string> {
  index: number;
  /** Spreadsheet letter: A, B, … AA. */
  letter: string;
  /** The header as read (two-row headers joined with “/”). */
  header: string;
  field: F | null;
  /** Why the column has no field: not recognised, ignored by the user, or another column already took it. */
  note?: string;
}

export interface HeaderResult<F extends string> {
  /** Spreadsheet row numbers of the header (one or two). */
  headerRows: number[];
  /** Index into the sheet's rows where data starts. */
  dataStart: number;
  columns: ColumnInfo<F>[];
  byField: Map<F, number>;
}

/** User mapping: header key -> field, or null to ignore that column. */
export type UserMapping<F extends string> = Map<string, F | null>;

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined || isCellProblem(v)) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

interface Match<F> {
  field: F | null;
  ignored: boolean;
}

function lookup<F extends string>(name: string, table: FieldTable<F>, user: UserMapping<F>): Match<F> | null {
  const key = headerKey(name);
  if (key === '') return null;
  if (user.has(key)) {
    const f = user.get(key) ?? null;
    return { field: f, ignored: f === null };
  }
  const f = table.bySynonym.get(key);
  return f === undefined ? null : { field: f, ignored: false };
}

const looksLikeData = (s: string): boolean => /^\d{15,18}[0-9Xx]?$/.test(s) || /^\d+(\.\d+)?$/.test(s);

interface Candidate<F extends string> {
  rowIndexes: number[];
  columns: ColumnInfo<F>[];
  score: number;
}

function build<F extends string>(
  names: string[][],
  table: FieldTable<F>,
  user: UserMapping<F>,
  rowIndexes: number[],
): Candidate<F> {
  const columns: ColumnInfo<F>[] = [];
  const taken = new Set<F>();
  for (let c = 0; c < names.length; c++) {
    const options = names[c] ?? [];
    const shown = options[0] ?? '';
    let match: Match<F> | null = null;
    for (const o of options) {
      match = lookup(o, table, user);
      if (match) break;
    }
    const col: ColumnInfo<F> = { index: c, letter: columnLetter(c), header: shown, field: null };
    if (match?.ignored) col.note = '按映射忽略';
    else if (match?.field) {
      if (taken.has(match.field)) col.note = '与前面的列对应同一字段，已忽略';
      else {
        col.field = match.field;
        taken.add(match.field);
      }
    } else if (shown !== '') col.note = '未识别的列，已忽略';
    if (shown !== '' || col.field) columns.push(col);
  }
  return { rowIndexes, columns, score: taken.size };
}

/** The header of a sheet, or null when none of the first rows looks like one. */
export function detectHeader<F extends string>(
  rows: SheetRow[],
  table: FieldTable<F>,
  user: UserMapping<F>,
  isKeyField: (f: F) => boolean,
): HeaderResult<F> | null {
  const found: { best: Candidate<F> | null } = { best: null };
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  const consider = (c: Candidate<F>): void => {
    const hasKey = c.columns.some((col) => col.field !== null && isKeyField(col.field));
    if (!hasKey || c.score < 2) return;
    if (!found.best || c.score > found.best.score) found.best = c;
  };
  const singles: Candidate<F>[] = [];
  for (let i = 0; i < Math.min(rows.length, limit + 1); i++) {
    // “保障金额/合计” (a two-row header written back on one row by the rejected-rows workbook) is tried whole,
    // by its sub-header, and joined.
    const top = (rows[i]?.cells ?? []).map(cellText);
    singles.push(
      build(
        top.map((t) => (t.includes('/') ? [t, t.slice(t.lastIndexOf('/') + 1), t.replace(/\//g, '')] : [t])),
        table,
        user,
        [i],
      ),
    );
  }
  for (let i = 0; i < limit; i++) {
    const single = singles[i] as Candidate<F>;
    consider(single);
    const next = rows[i + 1];
    if (!next || next.rowNumber !== (rows[i]?.rowNumber ?? 0) + 1) continue;
    const top = (rows[i]?.cells ?? []).map(cellText);
    const bottom = next.cells.map(cellText);
    if (bottom.some(looksLikeData)) continue;
    const width = Math.max(top.length, bottom.length);
    const filled: string[] = [];
    for (let c = 0; c < width; c++) {
      const t = top[c] ?? '';
      const prev = filled[c - 1] ?? '';
      // A merged group title sits in its first column only: carry it right while sub-headers continue.
      filled.push(t === '' && (bottom[c] ?? '') !== '' && prev !== '' && (bottom[c - 1] ?? '') !== '' ? prev : t);
    }
    const names: string[][] = [];
    for (let c = 0; c < width; c++) {
      const t = filled[c] ?? '';
      const b = bottom[c] ?? '';
      if (b === '') names.push([t]);
      else if (t === '' || t === b) names.push([b]);
      else names.push([`${t}/${b}`, b, `${t}${b}`]);
    }
    const pair = build(names, table, user, [i, i + 1]);
    // Two rows only when together they name more than either row alone (a title or note row above a one-row
    // header adds nothing).
    if (pair.score > single.score && pair.score > (singles[i + 1]?.score ?? 0)) consider(pair);
  }
  const best = found.best;
  if (!best) return null;
  const byField = new Map<F, number>();
  for (const col of best.columns) if (col.field) byField.set(col.field, col.index);
  const last = best.rowIndexes[best.rowIndexes.length - 1] ?? 0;
  return {
    headerRows: best.rowIndexes.map((i) => rows[i]?.rowNumber ?? 0),
    dataStart: last + 1,
    columns: best.columns,
    byField,
  };
}

/**
 * Parses `--map "列名=field,列名2=字段标签,列名3="` into a user mapping. A field may be given by its key (idNumber) or
 * its label (身份证号码); an empty target ignores the column. Unknown fields are reported, not guessed.
 */
export function parseMapping<F extends string>(
  pairs: { header: string; field: string }[],
  table: FieldTable<F>,
): { mapping: UserMapping<F>; errors: string[] } {
  const mapping: UserMapping<F> = new Map();
  const errors: string[] = [];
  for (const { header, field } of pairs) {
    const key = headerKey(header);
    if (key === '') {
      errors.push(`映射“${header}=${field}”缺少列名`);
      continue;
    }
    const target = field.trim();
    if (target === '\u0000') {
      errors.push(`映射“${header}”缺少“=字段”（忽略某列请写“${header}=”）`);
      continue;
    }
    if (target === '' || target === '-') {
      mapping.set(key, null);
      continue;
    }
    const f = table.byKeyOrLabel.get(target.toLowerCase()) ?? table.byKeyOrLabel.get(headerKey(target));
    if (f === undefined) errors.push(`映射“${header}=${field}”中的字段“${field}”不存在`);
    else mapping.set(key, f);
  }
  return { mapping, errors };
}

/** "列名=field,列名2=field2" (also separated by ；/; or new lines; full-width ＝，allowed). */
export function splitMapArg(text: string): { header: string; field: string }[] {
  // A pair without “=” is kept with a marker field so parseMapping reports it instead of ignoring the column.
  return text
    .split(/[,，;；\n]/u)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const at = p.search(/[=＝]/u);
      return at < 0 ? { header: p, field: '\u0000' } : { header: p.slice(0, at).trim(), field: p.slice(at + 1).trim() };
    });
}

/** A sheet's columns as the preview lists them: letter, header text, the field it was read as, and why. */
export function previewColumns<F extends string>(
  header: HeaderResult<F>,
): { column: string; header: string; field: F | null; note: string | null }[] {
  return header.columns.map((c) => ({ column: c.letter, header: c.header, field: c.field, note: c.note ?? null }));
}
