// Reading a register file (engine.ts runs the rest): each sheet's header found with the kind's synonym table, each
// data row turned into the create method's input (the kind's `read`) and checked by the method's own schema, the
// same record twice in the file refused on the later row. Problems name the sheet, row and column. No database
// access.
import type { ImportPreview } from '../../../../shared/api/exchange';
import { detectHeader, previewColumns, type ColumnInfo } from '../header';
import { missingColumns, rowKey } from '../problems';
import { isCellProblem, type CellValue } from '../cells';
import type { ReadResult } from '../read';
import { headerlessProblems, sheetDataRows, type RowsSeen } from '../sheet-rows';
import { isBlank, shownValue } from '../values';
import type { RegisterKindDef, RowEnv } from './spec';

export interface Candidate {
  sheet: string;
  row: number;
  input: Record<string, unknown>;
  /** Paths the file gives (only these are compared with the ledger). */
  paths: Set<string>;
}

/** Reads the file and checks every row; no database access. */
export function parseRows<F extends string>(
  def: RegisterKindDef<F>,
  read: ReadResult,
  mapping: Map<string, F | null>,
  env: RowEnv,
) {
  const { spec, schemaOf, table } = def;
  const kept: RowsSeen = { problems: [], rowCells: new Map() };
  const { problems, rowCells } = kept;
  const rejected = new Set<string>();
  const sheets: ImportPreview['sheets'] = [];
  const candidates: Candidate[] = [];
  const columnsBySheet = new Map<string, ColumnInfo<F>[]>();
  const seen = new Map<string, { sheet: string; row: number }>();
  const headerless: string[] = [];
  let rowCount = 0;
  const labelOf = new Map(spec.fields.map((f) => [f.key, f.label]));
  const keySet = new Set<F>(spec.keyFields);
  const keyLabels = spec.keyFields.map((f) => labelOf.get(f) ?? f);

  for (const sheet of read.sheets) {
    if (sheet.rows.length === 0) continue;
    const header = detectHeader(sheet.rows, table, mapping, (f) => keySet.has(f));
    if (!header) {
      headerless.push(sheet.name);
      continue;
    }
    columnsBySheet.set(sheet.name, header.columns);
    const summary: ImportPreview['sheets'][number] = {
      name: sheet.name,
      headerRows: header.headerRows,
      columns: previewColumns(header),
      dataRows: 0,
      households: '',
    };
    sheets.push(summary);
    const missing = spec.requiredColumns.filter((f) => !header.byField.has(f)).map((f) => labelOf.get(f) ?? f);
    const named = (cells: CellValue[]): boolean =>
      spec.keyFields.some((f) => {
        const idx = header.byField.get(f);
        return idx !== undefined && !isBlank(cells[idx]);
      });
    const dataRows = sheetDataRows(
      sheet,
      header,
      { named, unnamed: `没有${keyLabels.join('和')}，不是数据行，已跳过` },
      kept,
    ).map((d) => d.row);
    rowCount += dataRows.length;
    summary.dataRows = dataRows.length;
    if (missing.length > 0) {
      problems.push(missingColumns(sheet.name, missing));
      for (const r of dataRows) rejected.add(rowKey(sheet.name, r.rowNumber));
      continue;
    }

    for (const r of dataRows) {
      let failed = false;
      const get = (f: F): CellValue | undefined => {
        const idx = header.byField.get(f);
        return idx === undefined ? undefined : r.cells[idx];
      };
      const report = (field: F | null, message: string, severity: 'error' | 'warning' = 'error'): void => {
        if (severity === 'error') failed = true;
        problems.push({
          sheet: sheet.name,
          row: r.rowNumber,
          column: field,
          value: field === null ? null : shownValue(get(field)),
          message,
          severity,
        });
      };
      for (const [f, idx] of header.byField) {
        const v = r.cells[idx];
        if (v !== undefined && v !== null && isCellProblem(v)) report(f, v.problem);
      }
      if (failed) {
        rejected.add(rowKey(sheet.name, r.rowNumber));
        continue;
      }
      const raw = spec.read({ has: (f) => header.byField.has(f), get }, report, env);
      if (raw === null || failed) {
        rejected.add(rowKey(sheet.name, r.rowNumber));
        continue;
      }
      const parsed = schemaOf(raw).safeParse(raw);
      if (!parsed.success) {
        const said = new Set<string>();
        for (const issue of parsed.error.issues) {
          const path = String(issue.path[0] ?? '');
          const field = spec.fieldOfPath(path);
          const text =
            field !== null && !header.byField.has(field)
              ? `${issue.message}（文件中没有“${labelOf.get(field) ?? field}”列）`
              : issue.message;
          if (said.has(`${path}\u0000${text}`)) continue;
          said.add(`${path}\u0000${text}`);
          report(field, text);
        }
        rejected.add(rowKey(sheet.name, r.rowNumber));
        continue;
      }
      const input = parsed.data as Record<string, unknown>;
      let dup = false;
      for (const k of spec.keys(input)) {
        const first = seen.get(k.key);
        if (first) {
          report(
            k.field,
            `与「${first.sheet}」第 ${first.row} 行重复（${labelOf.get(k.field) ?? k.field}相同：${k.shown}）`,
          );
          dup = true;
          break;
        }
      }
      if (dup) {
        rejected.add(rowKey(sheet.name, r.rowNumber));
        continue;
      }
      for (const k of spec.keys(input)) seen.set(k.key, { sheet: sheet.name, row: r.rowNumber });
      // Compared with the ledger: what the file gives. A blank cell of a field an import never changes (登记日期 …)
      // and a value the row leaves undefined (a masked account number) are “not given”.
      const paths = new Set<string>();
      for (const [f, idx] of header.byField) {
        for (const p of spec.pathsOf(f)) {
          if (spec.fixedPaths.includes(p) && isBlank(r.cells[idx])) continue;
          if (input[p] === undefined) continue;
          paths.add(p);
        }
      }
      candidates.push({ sheet: sheet.name, row: r.rowNumber, input, paths });
    }
  }
  problems.push(...headerlessProblems(headerless, sheets.length > 0, keyLabels));
  return { problems, rejected, rowCells, sheets, candidates, columnsBySheet, rowCount };
}
