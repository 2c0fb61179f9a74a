// The import of a register (养老服务设施, 特殊困难老年人, 社会组织, 儿童福利): the same reading, header search, preview
// and controls as the case ledger, with each record created through the screen's own method so every rule holds.
//
// 1. Read the file with the shared readers (read.ts: .xlsx streaming, .xls/.et, CSV with encoding checks), find each
//    sheet's header (header.ts) with the kind's synonym table, and turn each row into the create method's input
//    (the kind's `read`), checked by the method's own schema: problems name the sheet, row and column (rows.ts).
// 2. The same record twice in the file is an error on the later row (rows.ts).
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
import { rowKey, type ImportProblem } from '../problems';
import { parseMapping } from '../header';
import { openImportFile, problemsAndChanges, sortProblems } from '../import';
import type { CellValue } from '../cells';
import type { ReadResult } from '../read';
import { parseRows } from './rows';
import type { Existing, RegisterKindDef, RowEnv } from './spec';

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
