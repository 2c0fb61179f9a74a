// The import of a register (养老服务设施, 特殊困难老年人, 社会组织, 儿童福利): the same reading, header search, preview
// and controls as the case ledger, with each record created through the screen's own method so every rule holds.
//
// 1. Read the file with the shared readers (read.ts: .xlsx streaming, .xls/.et, CSV with encoding checks), find each
//    sheet's header (header.ts) with the kind's synonym table, and turn each row into the create method's input
//    (the kind's `read`), checked by the method's own schema: problems name the sheet, row and column.
// 2. The same record twice in the file is an error on the later row.
// 3. A trial run, row by row, inside a transaction with a savepoint per row: a record the ledger already holds is
//    compared (unchanged, or a change listed for the clerk to accept); a new one is created through the screen's
//    handler, whose refusal (age limits, 统一社会信用代码, 已在册 …) becomes a problem on that row. The preview rolls the
//    whole run back; the import keeps it — all of it, or with `partial` only the rows that passed — in the
//    dispatcher's one transaction.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ImportPreview } from '../../../../shared/api/exchange';
import { badInput, LedgerError, rule } from '../../../../shared/errors';
import { appendJournalPrepared, type JournalEntryInput } from '../../journal';
import { actorOf, type ServiceContext } from '../../kernel';
import type { DB } from '../../db';
import {
  missingColumns,
  repeatsHeader,
  rowKey,
  sheetProblem,
  skippedRow,
  TOTAL_ROW,
  type ImportProblem,
} from '../problems';
import { fieldTable, type FieldTable } from '../fields';
import { cellText, detectHeader, previewColumns, parseMapping, type ColumnInfo } from '../header';
import { openImportFile, problemsAndChanges, sortProblems } from '../import';
import { isCellProblem, type CellValue, type ReadResult } from '../read';
import { isBlank, isTotalRow, shownValue } from '../values';
import type { Existing, KindSpec, RowEnv } from './spec';
import type { z } from 'zod';

export interface RegisterFileInput {
  fileName: string;
  data: string;
  mapping?: { header: string; field: string }[] | undefined;
}

export interface RegisterRun {
  preview: ImportPreview;
  read: ReadResult;
  rejected: Set<string>;
  problems: ImportProblem[];
  rowCells: Map<string, { header: string[]; cells: CellValue[] }>;
  created: number;
  changesApplied: number;
  changesSkipped: number;
  bytes: Uint8Array;
}

/** A kind with its schema (the create method's input) and its synonym table. */
export interface RegisterKindDef<F extends string> {
  spec: KindSpec<F>;
  /** The create method's input schema for a row (organisations: 登记 or 备案, by the row). */
  schemaOf: (raw: Record<string, unknown>) => z.ZodType;
  table: FieldTable<F>;
}

export function defineKind<F extends string>(
  spec: KindSpec<F>,
  schema: z.ZodType | ((raw: Record<string, unknown>) => z.ZodType),
): RegisterKindDef<F> {
  return { spec, schemaOf: typeof schema === 'function' ? schema : () => schema, table: fieldTable(spec.fields) };
}

interface Candidate {
  sheet: string;
  row: number;
  input: Record<string, unknown>;
  /** Paths the file gives (only these are compared with the ledger). */
  paths: Set<string>;
}

/** Reads the file and checks every row; no database access. */
function parseRows<F extends string>(
  def: RegisterKindDef<F>,
  read: ReadResult,
  mapping: Map<string, F | null>,
  env: RowEnv,
) {
  const { spec, schemaOf, table } = def;
  const problems: ImportProblem[] = [];
  const rejected = new Set<string>();
  const rowCells = new Map<string, { header: string[]; cells: CellValue[] }>();
  const sheets: ImportPreview['sheets'] = [];
  const candidates: Candidate[] = [];
  const columnsBySheet = new Map<string, ColumnInfo<F>[]>();
  const seen = new Map<string, { sheet: string; row: number }>();
  const headerless: string[] = [];
  let rowCount = 0;
  const labelOf = new Map(spec.fields.map((f) => [f.key, f.label]));
  const keySet = new Set<F>(spec.keyFields);

  for (const sheet of read.sheets) {
    if (sheet.rows.length === 0) continue;
    const header = detectHeader(sheet.rows, table, mapping, (f) => keySet.has(f));
    if (!header) {
      headerless.push(sheet.name);
      continue;
    }
    columnsBySheet.set(sheet.name, header.columns);
    const headerTexts = new Set(header.columns.map((c) => c.header));
    const headerRow: string[] = [];
    for (const c of header.columns) headerRow[c.index] = c.header;
    const summary: ImportPreview['sheets'][number] = {
      name: sheet.name,
      headerRows: header.headerRows,
      columns: previewColumns(header),
      dataRows: 0,
      households: '',
    };
    sheets.push(summary);
    const missing = spec.requiredColumns.filter((f) => !header.byField.has(f)).map((f) => labelOf.get(f) ?? f);
    const dataRows: { rowNumber: number; cells: CellValue[] }[] = [];
    for (let i = header.dataStart; i < sheet.rows.length; i++) {
      const r = sheet.rows[i];
      if (!r) continue;
      const texts = r.cells.map(cellText).filter((t) => t !== '');
      if (repeatsHeader(texts, headerTexts)) continue;
      const keyBlank = spec.keyFields.every((f) => {
        const idx = header.byField.get(f);
        return idx === undefined || isBlank(r.cells[idx]);
      });
      if (isTotalRow(r.cells) && keyBlank) {
        problems.push(skippedRow(sheet.name, r.rowNumber, TOTAL_ROW));
        continue;
      }
      if (keyBlank) {
        const key = spec.keyFields.map((f) => labelOf.get(f) ?? f).join('和');
        problems.push(skippedRow(sheet.name, r.rowNumber, `没有${key}，不是数据行，已跳过`, texts));
        continue;
      }
      rowCount++;
      rowCells.set(rowKey(sheet.name, r.rowNumber), { header: headerRow, cells: r.cells });
      dataRows.push(r);
    }
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
  for (const name of headerless) {
    problems.push(
      sheets.length === 0
        ? sheetProblem(
            name,
            `前 15 行中找不到表头（至少要有“${spec.keyFields.map((f) => labelOf.get(f) ?? f).join('”或“')}”等列）。请检查文件，或用列映射指定列名`,
          )
        : sheetProblem(name, '找不到表头，已跳过此工作表', 'warning'),
    );
  }
  return { problems, rejected, rowCells, sheets, candidates, columnsBySheet, rowCount };
}

/** Runs `fn` under a savepoint: a LedgerError rolls back just this row and is returned; anything else is thrown. */
async function attempt(db: Kysely<DB>, fn: () => Promise<void>): Promise<LedgerError | null> {
  await sql`SAVEPOINT register_row`.execute(db);
  try {
    await fn();
    await sql`RELEASE register_row`.execute(db);
    return null;
  } catch (e) {
    await sql`ROLLBACK TO register_row`.execute(db);
    await sql`RELEASE register_row`.execute(db);
    if (e instanceof LedgerError) return e;
    throw e;
  }
}

class Rollback extends Error {}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Reads, checks and tries the import. `write` false: everything is rolled back (preview); true: the run is kept in
 * the caller's transaction (ctx.db), with the changes whose keys are accepted.
 */
export async function runRegister<F extends string>(
  ctx: ServiceContext,
  def: RegisterKindDef<F>,
  input: RegisterFileInput,
  mode: { write: false } | { write: true; accept: 'all' | ReadonlySet<string>; partial: boolean },
): Promise<RegisterRun> {
  const { spec, table } = def;
  const { mapping, errors } = parseMapping(input.mapping ?? [], table);
  if (errors.length > 0) throw badInput(errors.join('；'), { mapping: errors[0] ?? '' });
  const { bytes, read, today, villageRows, villages } = await openImportFile(ctx, input);
  const env: RowEnv = { today, villages };
  const parsed = parseRows(def, read, mapping, env);
  const { problems, rejected } = parsed;
  const labelOf = new Map(spec.fields.map((f) => [f.key, f.label]));
  const villageNames = new Map(villageRows.map((v) => [v.id, v.name]));
  const show = (p: string, v: unknown): string =>
    p === 'villageId' ? (typeof v === 'string' ? (villageNames.get(v) ?? v) : '（空）') : spec.shown(p, v);

  const reason = `导入《${input.fileName}》`;
  const changes: ImportPreview['changes'] = [];
  let created = 0;
  let unchanged = 0;
  let changesApplied = 0;
  let changesSkipped = 0;

  const trial = async (tctx: ServiceContext): Promise<void> => {
    const existing = await spec.load(tctx);
    const byKey = new Map<string, Existing>();
    for (const e of existing) for (const k of spec.keys(e.current)) if (!byKey.has(k.key)) byKey.set(k.key, e);
    for (const c of parsed.candidates) {
      const fail = (e: LedgerError): void => {
        const field = Object.keys(e.fields ?? {})
          .map((p) => spec.fieldOfPath(p))
          .find((f): f is F => f !== null);
        problems.push({
          sheet: c.sheet,
          row: c.row,
          column: field ?? null,
          value: null,
          message: e.message,
          severity: 'error',
        });
        rejected.add(rowKey(c.sheet, c.row));
      };
      const match = spec
        .keys(c.input)
        .map((k) => byKey.get(k.key))
        .find((e) => e !== undefined);
      if (!match) {
        const err = await attempt(tctx.db, () => spec.create(tctx, c.input));
        if (err) fail(err);
        else created++;
        continue;
      }
      const differing = [...c.paths].filter((p) => !same(c.input[p], match.current[p]));
      const fixed = differing.filter((p) => spec.fixedPaths.includes(p));
      for (const p of fixed) {
        const field = spec.fieldOfPath(p);
        problems.push({
          sheet: c.sheet,
          row: c.row,
          column: field,
          value: show(p, c.input[p]),
          message: `与台账中的「${show(p, match.current[p])}」不同；${labelOf.get(field as F) ?? p}的变更须在记录页面登记变更事项，导入不修改`,
          severity: 'warning',
        });
      }
      const changing = differing.filter((p) => !spec.fixedPaths.includes(p));
      if (changing.length === 0) {
        unchanged++;
        continue;
      }
      const key = `${spec.kind}:${match.id}`;
      const named = changing.map((p) => {
        const f = spec.fieldOfPath(p);
        return f ? (labelOf.get(f) ?? p) : p;
      });
      changes.push({
        key,
        sheet: c.sheet,
        row: c.row,
        subject: match.subject,
        field: [...new Set(named)].join('、'),
        before: changing.map((p) => show(p, match.current[p])).join('；'),
        after: changing.map((p) => show(p, c.input[p])).join('；'),
      });
      if (!mode.write || (mode.accept !== 'all' && !mode.accept.has(key))) {
        changesSkipped++;
        continue;
      }
      const merged = { ...match.current };
      for (const p of changing) merged[p] = c.input[p];
      const err = await attempt(tctx.db, () => spec.update(tctx, match, merged, reason));
      if (err) fail(err);
      else changesApplied++;
    }
  };

  // Every entry the handlers journal during an import carries the file's name as its reason.
  const withReason = (entries: JournalEntryInput[]): JournalEntryInput[] =>
    entries.map((e) => (e.reason ? e : { ...e, reason }));
  if (mode.write) {
    await trial({ ...ctx, journal: (...entries) => ctx.journal(...withReason(entries)) });
  } else {
    const actor = actorOf(ctx);
    try {
      await ctx.ledger.db.transaction().execute(async (trx) => {
        await trial({
          ...ctx,
          db: trx,
          journal: async (...entries) => {
            appendJournalPrepared(ctx.ledger.raw, actor, withReason(entries), ctx.now().toISOString());
          },
        });
        throw new Rollback();
      });
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
    }
  }

  // Problems name columns by field while reading: show them as the sheet's letter and header.
  for (const p of problems) {
    if (p.column === null) continue;
    const col = parsed.columnsBySheet.get(p.sheet)?.find((c) => c.field === p.column);
    p.column = col ? `${col.letter}（${col.header}）` : (labelOf.get(p.column as F) ?? p.column);
  }
  sortProblems(problems, read);
  const records = parsed.candidates.filter((c) => !rejected.has(rowKey(c.sheet, c.row))).length;
  const preview: ImportPreview = {
    fileName: input.fileName,
    format: read.format,
    encoding: read.encoding,
    sheets: parsed.sheets,
    fields: spec.fields.map((f) => ({ key: f.key, label: f.label })),
    rows: parsed.rowCount,
    validRows: parsed.rowCount - rejected.size,
    rejectedRows: rejected.size,
    households: 0,
    persons: spec.personal ? records : 0,
    records,
    newPeople: 0,
    newHouseholds: 0,
    newCases: 0,
    unchangedCases: 0,
    kind: spec.kind,
    recordUnit: spec.unit,
    newRecords: created,
    unchangedRecords: unchanged,
    ...problemsAndChanges(problems, changes),
  };
  return {
    preview,
    read,
    rejected,
    problems,
    rowCells: parsed.rowCells,
    created,
    changesApplied,
    changesSkipped,
    bytes,
  };
}

/** The import itself (write method): strict unless `partial`; journalled as `import.run` with the file's SHA-256. */
export async function importRegister<F extends string>(
  ctx: ServiceContext,
  def: RegisterKindDef<F>,
  input: RegisterFileInput & { partial?: boolean | undefined; accept?: 'all' | string[] | undefined },
) {
  const accept = input.accept === 'all' ? 'all' : new Set(input.accept ?? []);
  const run = await runRegister(ctx, def, input, { write: true, accept, partial: input.partial ?? false });
  const { preview } = run;
  if (preview.errorCount > 0 && !input.partial) {
    throw rule(
      `文件中有 ${preview.rejectedRows} 行被拒绝（共 ${preview.errorCount} 个问题），未导入任何数据。请先修正，或选择“只导入正确的行”`,
    );
  }
  const sha256 = createHash('sha256').update(run.bytes).digest('hex');
  await ctx.journal({
    action: 'import.run',
    entity: 'import',
    entityId: sha256,
    after: {
      kind: def.spec.kind,
      file: input.fileName,
      rows: preview.rows,
      rejectedRows: preview.rejectedRows,
      partial: input.partial ?? false,
      records: run.created,
      changesApplied: run.changesApplied,
      changesSkipped: run.changesSkipped,
    },
    reason: `导入《${input.fileName}》`,
  });
  return {
    preview,
    people: 0,
    households: 0,
    cases: 0,
    records: run.created,
    changesApplied: run.changesApplied,
    changesSkipped: run.changesSkipped,
    rejectedRows: preview.rejectedRows,
  };
}
