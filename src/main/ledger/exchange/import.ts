// The import as the API and the CLI run it: read the file (bounded), find headers, parse rows into households and
// cases, compare with the ledger, and — in the write method — apply it all in the dispatcher's one transaction.
import { createHash } from 'node:crypto';
import type { ImportPreview, ImportProblemGroup, ImportResult } from '../../../shared/api/exchange';
import { badInput, rule } from '../../../shared/errors';
import { todayOf, type ServiceContext } from '../kernel';
import { getSetting } from '../settings';
import { applyCasePlan } from './cases-apply';
import { isCaseOp } from './case-ops';
import { batchSummary, keepBatchChanges, openBatch } from './batches';
import { finalMonthsTouched, flagAmended, requireCorrection } from './finalmonths';
import { parseCaseSheets, type ParsedCases } from './cases-parse';
import { rowKey, type ImportProblem } from './problems';
import { planCases, type CasePlan } from './cases-plan';
import { CASE_FIELDS, caseFieldTable } from './fields';
import { parseMapping } from './header';
import { readSpreadsheet, type ReadResult } from './read';
import { villageMatcher, type VillageMatcher } from './villages';
import type { VillagesTable } from '../db';
import { yieldToCalls } from '../work';

export interface ImportFileInput {
  kind: 'cases';
  fileName: string;
  data: string;
  mapping?: { header: string; field: string }[] | undefined;
}

export interface Analysis {
  read: ReadResult;
  parsed: ParsedCases;
  plan: CasePlan;
  preview: ImportPreview;
  bytes: Uint8Array;
}

export function decodeBase64(data: string): Uint8Array {
  if (!/^[A-Za-z0-9+/=\s]*$/.test(data.slice(0, 1000))) throw badInput('文件内容不是 base64 编码');
  return new Uint8Array(Buffer.from(data, 'base64'));
}

/** A file to import as read (bounded), with what its rows are checked against: today and the township's villages. */
export interface ImportFile {
  bytes: Uint8Array;
  read: ReadResult;
  today: string;
  villageRows: VillagesTable[];
  villages: VillageMatcher;
}

export async function openImportFile(
  ctx: ServiceContext,
  input: { fileName: string; data: string },
): Promise<ImportFile> {
  const bytes = decodeBase64(input.data);
  const read = await readSpreadsheet(bytes, input.fileName);
  const villageRows = await ctx.db.selectFrom('villages').selectAll().execute();
  const township = await getSetting<{ name: string } | null>(ctx.db, 'township', null);
  return { bytes, read, today: todayOf(ctx), villageRows, villages: villageMatcher(villageRows, township?.name ?? '') };
}

const MAX_LISTED_PROBLEMS = 2_000;
const MAX_LISTED_CHANGES = 5_000;

export async function analyseImport(ctx: ServiceContext, input: ImportFileInput): Promise<Analysis> {
  const { mapping, errors } = parseMapping(input.mapping ?? [], caseFieldTable);
  if (errors.length > 0) throw badInput(errors.join('；'), { mapping: errors[0] ?? '' });
  const { bytes, read, today, villages } = await openImportFile(ctx, input);
  const parsed = parseCaseSheets(read.sheets, { mapping, villages, today, fileName: input.fileName });
  await yieldToCalls(); // calls that arrived while the rows were parsed are answered before planning
  const plan = await planCases(ctx.db, parsed.blocks, today.slice(0, 7));

  const rejected = new Set([...parsed.rejectedRows, ...plan.rejectedRows]);
  const problems: ImportProblem[] = [...parsed.problems, ...plan.problems];
  sortProblems(problems, read);
  const changes = plan.blocks.flatMap((b) => b.changes.map((c) => c.change));
  const preview: ImportPreview = {
    fileName: input.fileName,
    format: read.format,
    encoding: read.encoding,
    sheets: parsed.sheets,
    fields: CASE_FIELDS.map((f) => ({ key: f.key, label: f.label })),
    rows: parsed.rowCount,
    validRows: parsed.rowCount - rejected.size,
    rejectedRows: rejected.size,
    households: plan.blocks.filter((b) => b.sharesBlock === null).length,
    persons: new Set(plan.blocks.flatMap((b) => b.block.members.map((m) => m.idNumber))).size,
    records: plan.blocks.length,
    newPeople: plan.counts.newPeople,
    newHouseholds: plan.counts.newHouseholds,
    newCases: plan.counts.newCases,
    unchangedCases: plan.counts.unchangedCases,
    ...problemsAndChanges(problems, changes),
  };
  return { read, parsed, plan: { ...plan, rejectedRows: rejected, problems }, preview, bytes };
}

/** The preview's lists, cut to what a screen shows, with their full counts and the problems grouped by kind. */
export function problemsAndChanges(
  problems: ImportProblem[],
  changes: ImportPreview['changes'],
): Pick<ImportPreview, 'problems' | 'problemCount' | 'errorCount' | 'problemGroups' | 'changes' | 'changeCount'> {
  return {
    problems: problems.slice(0, MAX_LISTED_PROBLEMS),
    problemCount: problems.length,
    errorCount: problems.filter((p) => p.severity === 'error').length,
    problemGroups: groupProblems(problems),
    changes: changes.slice(0, MAX_LISTED_CHANGES),
    changeCount: changes.length,
  };
}

/** Problems in the file's order: by sheet, then row; on one row errors before warnings. */
export function sortProblems(problems: ImportProblem[], read: ReadResult): void {
  const sheetOrder = new Map(read.sheets.map((s, i) => [s.name, i]));
  problems.sort(
    (a, b) =>
      (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1),
  );
}

/**
 * Problems by kind: the same message (row numbers inside it folded) is one group. A household's follow-on lines
 * (“同户……本户整户未导入”) are consequences, not kinds, and are left out.
 */
export function groupProblems(problems: ImportProblem[]): ImportProblemGroup[] {
  const groups = new Map<string, ImportProblemGroup>();
  for (const p of problems) {
    if (/^同户/.test(p.message)) continue;
    const message = p.message.replace(/第 \d+ 行/g, '第 … 行');
    const key = `${p.severity}\u0000${message}`;
    let g = groups.get(key);
    if (!g) {
      // A problem of a whole sheet (no row: its header, its columns) is counted in sheets.
      const unit = p.row === null ? '张工作表' : p.scope === 'household' ? '户' : '行';
      g = { message, severity: p.severity, unit, count: 0, rows: [] };
      groups.set(key, g);
    }
    g.count++;
    if (p.scope !== 'household' && (p.row !== null || g.unit !== '张工作表')) g.unit = '行';
    if (g.rows.length < 50) g.rows.push({ sheet: p.sheet, row: p.row });
  }
  return [...groups.values()].sort(
    (a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || b.count - a.count,
  );
}

export async function runImport(
  ctx: ServiceContext,
  input: ImportFileInput & {
    partial?: boolean | undefined;
    accept?: 'all' | string[] | undefined;
    correctionReason?: string | undefined;
  },
): Promise<ImportResult> {
  const a = await analyseImport(ctx, input);
  const { preview } = a;
  if (preview.errorCount > 0 && !input.partial) {
    throw rule(
      `文件中有 ${preview.rejectedRows} 行被拒绝（共 ${preview.errorCount} 个问题），未导入任何数据。请先修正，或选择“只导入正确的行”`,
    );
  }
  const today = todayOf(ctx);
  const nowMonth = today.slice(0, 7);
  const accept = input.accept === 'all' ? 'all' : new Set(input.accept ?? []);
  const acceptedOps = a.plan.blocks.flatMap((bp) =>
    bp.changes.filter(({ change }) => accept === 'all' || accept.has(change.key)).map(({ op }) => op),
  );
  const newCases = a.plan.blocks.filter((bp) => !bp.existingCase).map((bp) => bp.block);
  // The first load of an empty ledger by an administrator counts at once and is marked 初始导入 in the journal.
  const initial =
    ctx.actor?.role === 'admin' &&
    (await ctx.db.selectFrom('cases').select('id').limit(1).executeTakeFirst()) === undefined;
  // Any other import that creates or changes paying cases is a batch a reviewer other than the importer confirms.
  const caseChanges = acceptedOps.filter(isCaseOp).length;
  const asBatch = !initial && (newCases.length > 0 || caseChanges > 0);
  const finalTouched = await finalMonthsTouched(ctx, newCases, acceptedOps, nowMonth);
  requireCorrection(finalTouched, input.correctionReason, '导入会改变已定稿上报的月份', '未导入任何数据');
  const correction = finalTouched.length > 0 ? (input.correctionReason ?? '').trim() : null;
  // A batch's months are flagged when a reviewer confirms it (its data counts from then on).
  if (!asBatch && correction) await flagAmended(ctx, finalTouched, correction);
  const sha256 = createHash('sha256').update(a.bytes).digest('hex');
  const batch = asBatch
    ? await openBatch(ctx, {
        kind: input.kind,
        fileName: input.fileName,
        sha256,
        summary: batchSummary(a.plan, caseChanges),
        correctionReason: correction,
      })
    : null;
  const { deferred, ...counts } = await applyCasePlan(ctx, a.plan, {
    fileName: input.fileName,
    accept,
    today,
    nowMonth,
    batch,
  });
  if (batch) await keepBatchChanges(ctx, batch.id, deferred);
  const changesPending = batch ? deferred.length : 0;
  await ctx.journal({
    action: 'import.run',
    entity: 'import',
    entityId: sha256,
    after: {
      kind: input.kind,
      file: input.fileName,
      rows: preview.rows,
      rejectedRows: preview.rejectedRows,
      partial: input.partial ?? false,
      people: counts.people,
      households: counts.households,
      cases: counts.cases,
      changesApplied: counts.changesApplied - changesPending,
      changesPending,
      changesSkipped: counts.changesSkipped,
      ...(finalTouched.length > 0 ? { finalMonths: finalTouched, correctionReason: input.correctionReason } : {}),
      ...(initial ? { initial: true } : {}),
      ...(batch ? { batch: batch.no } : {}),
    },
    reason: initial
      ? `初始导入《${input.fileName}》`
      : finalTouched.length > 0
        ? `导入《${input.fileName}》（涉及已定稿月份 ${finalTouched.join('、')}：${input.correctionReason ?? ''}）`
        : `导入《${input.fileName}》`,
  });
  return {
    preview,
    ...counts,
    changesApplied: counts.changesApplied - changesPending,
    changesPending,
    rejectedRows: preview.rejectedRows,
    batch: batch ? { id: batch.id, no: batch.no, status: 'pending' } : null,
  };
}

export { rowKey };
