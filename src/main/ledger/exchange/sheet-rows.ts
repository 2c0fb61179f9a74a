// The data rows under a sheet's header, read the same way by every import: a header repeated on each printed page is
// passed over, a total row (合计) and a row that names no record (a note or signature line under the table) are
// reported as skipped, and each data row's cells are kept with the sheet's header for the rejected-rows workbook.
// Also the problem for sheets in which no header was found.
import { cellText, type HeaderResult } from './header';
import { NOTE_ROW, repeatsHeader, rowKey, sheetProblem, skippedRow, TOTAL_ROW, type ImportProblem } from './problems';
import type { CellValue, SheetRow, SheetRows } from './cells';
import { isNoteRow, isTotalRow } from './values';

/** How an import tells a data row from the lines around the table. */
export interface DataRowRule {
  /** The row names a record (what identifies one is there). */
  named(cells: CellValue[]): boolean;
  /** A row saying 合计 is a total row only when this holds; default: when it names no record. */
  totalWhen?(cells: CellValue[]): boolean;
  /** The warning for a row that names no record: “没有…，不是数据行，已跳过”. */
  unnamed: string;
}

/** What reading a file's sheets collects: the problems, and the cells of every data row by rowKey. */
export interface RowsSeen {
  problems: ImportProblem[];
  rowCells: Map<string, { header: string[]; cells: CellValue[] }>;
}

/** The sheet's data rows in order, each with its index in the sheet's rows. */
export function sheetDataRows<F extends string>(
  sheet: SheetRows,
  header: HeaderResult<F>,
  rule: DataRowRule,
  seen: RowsSeen,
): { row: SheetRow; index: number }[] {
  const headerTexts = new Set(header.columns.map((c) => c.header));
  const headerRow: string[] = [];
  for (const c of header.columns) headerRow[c.index] = c.header;
  const out: { row: SheetRow; index: number }[] = [];
  for (let i = header.dataStart; i < sheet.rows.length; i++) {
    const r = sheet.rows[i];
    if (!r) continue;
    const texts = r.cells.map(cellText).filter((t) => t !== '');
    if (repeatsHeader(texts, headerTexts)) continue;
    const named = rule.named(r.cells);
    if (isTotalRow(r.cells) && (rule.totalWhen ? rule.totalWhen(r.cells) : !named)) {
      seen.problems.push(skippedRow(sheet.name, r.rowNumber, TOTAL_ROW));
      continue;
    }
    if (!named || isNoteRow(r.cells)) {
      seen.problems.push(skippedRow(sheet.name, r.rowNumber, named ? NOTE_ROW : rule.unnamed, texts));
      continue;
    }
    seen.rowCells.set(rowKey(sheet.name, r.rowNumber), { header: headerRow, cells: r.cells });
    out.push({ row: r, index: i });
  }
  return out;
}

/**
 * Sheets without a header: when no sheet of the file has one, each is an error saying which columns a header needs
 * (`keyLabels`); otherwise the sheet is passed over with a warning.
 */
export function headerlessProblems(names: string[], anyHeader: boolean, keyLabels: string[]): ImportProblem[] {
  return names.map((name) =>
    anyHeader
      ? sheetProblem(name, '找不到表头，已跳过此工作表', 'warning')
      : sheetProblem(
          name,
          `前 15 行中找不到表头（至少要有“${keyLabels.join('”或“')}”等列）。请检查文件，或用列映射指定列名`,
        ),
  );
}
