// What an import says about a file: each problem by sheet, row and column, and the problems shared by the case
// ledger's import and the registers' (a whole sheet refused, a row passed over, a repeated header).
import type { ImportProblemView } from '../../../shared/api/exchange';
/**
 * A problem as the preview shows it (the API's view): `row` null for a problem with the whole sheet or file, `column`
 * "D（身份证号码）" (a field key while parsing, until the sheet's letters are put in), `value` as seen in the cell,
 * `scope` 'household' for a household field (reported once per household, grouped by household in the preview).
 */
export type ImportProblem = ImportProblemView;

export const rowKey = (sheet: string, row: number): string => `${sheet}\u0000${row}`;

/** A header row repeated under the data (printed ledgers repeat it on each page): half its texts are headers. */
export function repeatsHeader<T = string>(
  cells: readonly T[],
  headerTexts: ReadonlySet<string>,
  textOf: (cell: T) => string = String,
): boolean {
  // Counted in one pass, without building the row's texts: this runs on every data row.
  let texts = 0;
  let hits = 0;
  for (const c of cells) {
    const t = textOf(c);
    if (t === '') continue;
    texts++;
    if (headerTexts.has(t)) hits++;
  }
  return texts > 0 && hits >= Math.ceil(texts / 2);
}

export const TOTAL_ROW = '合计行，已跳过';
export const NOTE_ROW = '落款或说明行（制表人、审核人、日期等），不是数据行，已跳过';

/** A row passed over (a total, a note under the table), as a warning showing the start of its texts. */
export const skippedRow = (sheet: string, row: number, message: string, texts?: string[]): ImportProblem => ({
  sheet,
  row,
  column: null,
  value: texts ? texts.join(' ').slice(0, 40) : null,
  message,
  severity: 'warning',
});

/** A problem with a whole sheet (no row, no column). */
export const sheetProblem = (
  sheet: string,
  message: string,
  severity: ImportProblem['severity'] = 'error',
): ImportProblem => ({ sheet, row: null, column: null, value: null, message, severity });

/** A sheet without columns the ledger cannot do without (named by their labels): the whole sheet is refused. */
export const missingColumns = (sheet: string, labels: string[]): ImportProblem =>
  sheetProblem(sheet, `找不到以下列：${labels.join('、')}。请检查表头，或用列映射指定`);
