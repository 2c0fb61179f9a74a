// Case ledger rows -> households (blocks of member rows) with their case, and every problem by sheet, row and
// column: the sheets' headers and data rows here, household boundaries in cases-households.ts, each household's
// fields and members in cases-block.ts. One row per person; household fields (村, 户主, 类别, 金额, 月份 …) may repeat on every member row, be
// merged, or be left blank below the first member. Pure data in, pure data out: the database is not touched here.
import type { CellValue, SheetRows } from './cells';
import { caseFieldTable, type CaseField } from './fields';
import { cellText, detectHeader, previewColumns } from './header';
import { isBlank, isNoteRow, isTotalRow } from './values';
import { buildBlock } from './cases-block';
import { fieldLabel, type CaseBlock, type ParseOptions, type RawBlock, type RawRow } from './cases-types';
import { groupHouseholds } from './cases-households';
import { canonicalId } from './legacy-ids';
import { sheetCategory } from './cases-title';
import {
  missingColumns,
  repeatsHeader,
  rowKey,
  sheetProblem,
  skippedRow,
  NOTE_ROW,
  TOTAL_ROW,
  type ImportProblem,
} from './problems';

export interface SheetSummary {
  name: string;
  headerRows: number[];
  columns: { column: string; header: string; field: CaseField | null; note: string | null }[];
  dataRows: number;
  /** How households were told apart on this sheet, in the clerk's words. */
  households: string;
}

export interface ParsedCases {
  sheets: SheetSummary[];
  blocks: CaseBlock[];
  problems: ImportProblem[];
  /** Data rows seen (excluding headers, totals and blank rows) and rejected. */
  rowCount: number;
  rejectedRows: Set<string>;
  /** The original cells of every data row, for the rejected-rows workbook. */
  rowCells: Map<string, { header: string[]; cells: CellValue[] }>;
}

export function parseCaseSheets(sheets: SheetRows[], options: ParseOptions): ParsedCases {
  const problems: ImportProblem[] = [];
  const rejectedRows = new Set<string>();
  const rowCells = new Map<string, { header: string[]; cells: CellValue[] }>();
  const summaries: SheetSummary[] = [];
  const rawBlocks: RawBlock[] = [];
  let rowCount = 0;
  let headersFound = 0;

  const headerless: string[] = [];
  let firstHeader: { sheet: string; fields: Set<CaseField> } | null = null;
  for (const sheet of sheets) {
    if (sheet.rows.length === 0) continue;
    const header = detectHeader(
      sheet.rows,
      caseFieldTable,
      options.mapping,
      (f) => f === 'idNumber' || f === 'name' || f === 'headName',
    );
    if (!header) {
      headerless.push(sheet.name);
      continue;
    }
    headersFound++;
    const headerTexts = new Set(header.columns.map((c) => c.header));
    const headerRow: string[] = [];
    for (const c of header.columns) headerRow[c.index] = c.header;
    const dataRows: RawRow[] = [];
    for (let i = header.dataStart; i < sheet.rows.length; i++) {
      const r = sheet.rows[i];
      if (!r) continue;
      const get = (f: CaseField): CellValue | undefined => {
        const idx = header.byField.get(f);
        return idx === undefined ? undefined : r.cells[idx];
      };
      // Repeated header rows (printed ledgers repeat the header on each page).
      if (repeatsHeader(r.cells, headerTexts, cellText)) continue;
      // A signature or note line under the table (制表人：… 审核人：…) has no name and no digits where the ID goes.
      const idCell = get('idNumber');
      const idLike = typeof idCell === 'number' || /\d{4}/.test(cellText(idCell).replace(/\s/g, ''));
      const hasPerson = idLike || !isBlank(get('name')) || !isBlank(get('headName'));
      if (isTotalRow(r.cells) && isBlank(get('idNumber'))) {
        problems.push(skippedRow(sheet.name, r.rowNumber, TOTAL_ROW));
        continue;
      }
      if (!hasPerson || isNoteRow(r.cells)) {
        problems.push(
          skippedRow(
            sheet.name,
            r.rowNumber,
            hasPerson ? NOTE_ROW : '没有姓名和身份证号码，不是数据行，已跳过',
            r.cells.map(cellText).filter((t) => t !== ''),
          ),
        );
        continue;
      }
      rowCount++;
      rowCells.set(rowKey(sheet.name, r.rowNumber), { header: headerRow, cells: r.cells });
      const above = sheet.rows[i - 1];
      dataRows.push({
        row: r.rowNumber,
        cells: r.cells,
        blankBefore: above !== undefined && r.rowNumber > above.rowNumber + 1,
      });
    }
    summaries.push({
      name: sheet.name,
      headerRows: header.headerRows,
      columns: previewColumns(header),
      dataRows: dataRows.length,
      households: '',
    });

    // Sheets of one file must agree on their columns (one ledger split by village): a sheet whose recognised columns
    // differ from the first sheet's is refused as a whole, naming both sheets and the columns.
    const fieldsHere = [...header.byField.keys()];
    if (firstHeader === null) firstHeader = { sheet: sheet.name, fields: new Set(fieldsHere) };
    else {
      const first = firstHeader;
      const label = (f: CaseField): string => fieldLabel.get(f) ?? f;
      const lacking = [...first.fields].filter((f) => !header.byField.has(f)).map(label);
      const extra = fieldsHere.filter((f) => !first.fields.has(f)).map(label);
      if (lacking.length > 0 || extra.length > 0) {
        problems.push({
          sheet: sheet.name,
          row: null,
          column: null,
          value: null,
          message:
            `工作表「${sheet.name}」的表头与工作表「${first.sheet}」不一致（` +
            [
              lacking.length > 0 ? `缺少：${lacking.join('、')}` : '',
              extra.length > 0 ? `多出：${extra.join('、')}` : '',
            ]
              .filter(Boolean)
              .join('；') +
            '），此工作表未导入。请让各工作表使用相同的列后重新导入',
          severity: 'error',
        });
        for (const r of dataRows) rejectedRows.add(rowKey(sheet.name, r.row));
        continue;
      }
    }

    // Columns the ledger cannot do without.
    const missing: string[] = [];
    if (!header.byField.has('idNumber')) missing.push('身份证号码');
    if (!header.byField.has('name') && !header.byField.has('headName')) missing.push('姓名');
    // A ledger kept per category may name it only in its title, its sheet's or its file's name.
    const titled = header.byField.has('category')
      ? null
      : sheetCategory(
          sheet.rows.filter((r) => r.rowNumber < (header.headerRows[0] ?? 0)).map((r) => r.cells),
          sheet.name,
          options.fileName,
        );
    if (!header.byField.has('category') && titled === null) missing.push('保障类别');
    const sheetVillage = header.byField.has('village') ? null : options.villages.match(sheet.name);
    if (sheetVillage && !sheetVillage.ok) missing.push('村(社区)（工作表名也不是本街道的村(社区)）');
    if (missing.length > 0) {
      problems.push(missingColumns(sheet.name, missing));
      for (const r of dataRows) rejectedRows.add(rowKey(sheet.name, r.row));
      continue;
    }

    if (titled) {
      problems.push(
        sheetProblem(
          sheet.name,
          `没有“保障类别”列：按${titled.from}，本表各户的保障类别均为“${titled.label}”`,
          'warning',
        ),
      );
    }

    // Group rows into households (see groupHouseholds for how the sheet's layout is read).
    const grouped = groupHouseholds(sheet.name, header, dataRows, problems);
    const summary = summaries[summaries.length - 1];
    if (summary) summary.households = grouped.rule;
    for (const rows of grouped.blocks)
      rawBlocks.push({ sheet: sheet.name, header, rows, rule: grouped.rule, category: titled?.label ?? null });
  }
  for (const name of headerless) {
    problems.push(
      headersFound === 0
        ? sheetProblem(name, '前 15 行中找不到表头（至少要有“身份证号码”或“姓名”等列）。请检查文件，或用列映射指定列名')
        : sheetProblem(name, '找不到表头，已跳过此工作表', 'warning'),
    );
  }

  // Each household block -> a CaseBlock or problems.
  const blocks: CaseBlock[] = [];
  // Keyed by the number's 18-digit form: a person written once with the old 15-digit number is the same person.
  const seenIds = new Map<string, { block: number; sheet: string; row: number; idNumber: string }>();
  for (const raw of rawBlocks) {
    const before = problems.length;
    const result = buildBlock(raw, options, problems);
    const rowsOf = raw.rows.map((r) => r.row);
    if (result === null) {
      rejectBlock(raw.sheet, rowsOf, problems, before, rejectedRows);
      continue;
    }
    // One ID = one person: a person listed twice is allowed only as a second case of the same household.
    let sameAs: number | null = null;
    let dupError = false;
    for (const m of result.members) {
      const seen = seenIds.get(canonicalId(m.idNumber));
      if (!seen) continue;
      const earlier = blocks[seen.block];
      const sameHousehold =
        earlier !== undefined &&
        result.members.every((x) => seenIds.get(canonicalId(x.idNumber))?.block === seen.block) &&
        earlier.category !== result.category;
      if (sameHousehold && (sameAs === null || sameAs === seen.block)) sameAs = seen.block;
      else {
        dupError = true;
        problems.push({
          sheet: raw.sheet,
          row: m.row,
          column: 'idNumber',
          value: m.idNumber,
          message: `身份证号码与「${seen.sheet}」第 ${seen.row} 行重复（同一人只能出现在一户中）`,
          severity: 'error',
        });
      }
    }
    if (dupError) {
      rejectBlock(raw.sheet, rowsOf, problems, before, rejectedRows);
      continue;
    }
    result.sameHouseholdAs = sameAs;
    const index = blocks.length;
    blocks.push(result);
    for (const m of result.members) {
      const seen = seenIds.get(canonicalId(m.idNumber));
      if (!seen)
        seenIds.set(canonicalId(m.idNumber), { block: index, sheet: m.sheet, row: m.row, idNumber: m.idNumber });
      else if (seen.idNumber !== m.idNumber) {
        // The same person in the household's other case, written the other way: one number, as first written.
        m.legacy = seen.idNumber.length === 15;
        m.idNumber = seen.idNumber;
      }
    }
  }
  fixColumnNames(problems, summaries);
  return { sheets: summaries, blocks, problems, rowCount, rejectedRows, rowCells };
}

/** Problems name columns by field while parsing; show them as the sheet's letter and header. */
function fixColumnNames(problems: ImportProblem[], sheets: SheetSummary[]): void {
  const bySheet = new Map(sheets.map((s) => [s.name, s]));
  for (const p of problems) {
    if (p.column === null) continue;
    const s = bySheet.get(p.sheet);
    const c = s?.columns.find((x) => x.field === p.column);
    if (c) p.column = `${c.column}（${c.header}）`;
    else if (fieldLabel.has(p.column as CaseField)) p.column = fieldLabel.get(p.column as CaseField) ?? p.column;
  }
}

function rejectBlock(
  sheet: string,
  rows: number[],
  problems: ImportProblem[],
  from: number,
  rejected: Set<string>,
): void {
  const bad = new Set(
    problems
      .slice(from)
      .filter((p) => p.severity === 'error' && p.row !== null)
      .map((p) => p.row),
  );
  const first = rows[0] ?? 0;
  for (const r of rows) {
    rejected.add(rowKey(sheet, r));
    if (!bad.has(r)) {
      problems.push({
        sheet,
        row: r,
        column: null,
        value: null,
        message: `同户（自第 ${first} 行起）有错误，本户整户未导入`,
        severity: 'error',
      });
    }
  }
}
