// What an import says about a file: each problem by sheet, row and column, and the problems shared by the case
// ledger's import and the registers' (a whole sheet refused, a row passed over, a repeated header).
export interface ImportProblem {
  sheet: string;
  /** Spreadsheet row number; null for a problem with the whole sheet or file. */
  row: number | null;
  /** "D（身份证号码）"; null when the problem is not about one column. */
  column: string | null;
  /** The value as seen in the cell. */
  value: string | null;
  message: string;
  severity: 'error' | 'warning';
  /** 'household': about a household field (reported once per household), for grouping in the preview. */
  scope?: 'household';
}

export const rowKey = (sheet: string, row: number): string => `${sheet}\u0000${row}`;

/** A header row repeated under the data (printed ledgers repeat it on each page): half its texts are headers. */
export const repeatsHeader = (texts: string[], headerTexts: ReadonlySet<string>): boolean =>
  texts.length > 0 && texts.filter((t) => headerTexts.has(t)).length >= Math.ceil(texts.length / 2);

export const TOTAL_ROW = '合计行，已跳过';

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
