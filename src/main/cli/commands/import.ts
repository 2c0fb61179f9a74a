// `civil-ledger import`: the same preview and import as the app's wizard, through the same dispatcher, as a named
// user (the journal names a real person for every record written; see docs/IMPORT.md).
import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  IMPORT_KIND_TITLES,
  IMPORT_KINDS,
  MAX_IMPORT_BYTES,
  type FileOutput,
  type ImportKind,
  type ImportPreview,
  type ImportProblemGroup,
  type ImportResult,
} from '../../../shared/api/exchange';
import { splitMapArg } from '../../ledger/exchange';
import { EXIT_OK, EXIT_USAGE, UsageError, requireString, type CliIO, type CliValues, type Command } from '../command';
import { readInput } from './files';
import { exitFor, failOn, jsonIo, SESSION_OPTIONS, withSession } from './session';

/** Rows were rejected: nothing written (or, with --partial, only the valid rows). */
export const EXIT_REJECTED = 3;

const FORMAT_LABEL: Record<ImportPreview['format'], string> = {
  xlsx: 'Excel 工作簿',
  xls: 'Excel 97–2003 / WPS 工作簿',
  html: '网页表格（扩展名为 .xls）',
  csv: 'CSV',
};

const MAX_PRINTED_PROBLEMS = 200;
const MAX_PRINTED_CHANGES = 200;

function printPreview(p: ImportPreview, io: CliIO): void {
  io.out(`文件：${p.fileName}（${FORMAT_LABEL[p.format]}${p.encoding ? `，${p.encoding}` : ''}）`);
  // What needs the clerk's attention first: problems grouped by kind, with counts and rows.
  const errors = p.problemGroups.filter((g) => g.severity === 'error');
  if (errors.length > 0) {
    io.out(`需要处理的问题（${p.rejectedRows} 行未通过）：`);
    for (const g of errors) io.out(`  ✗ ${groupLine(g)}`);
  }
  io.out(
    p.kind !== undefined && p.kind !== 'cases'
      ? `共 ${p.rows} 行：可导入 ${p.validRows} 行，拒绝 ${p.rejectedRows} 行；新增 ${p.newRecords ?? 0} ${p.recordUnit ?? ''}，` +
          `已在台账中且无变化 ${p.unchangedRecords ?? 0} ${p.recordUnit ?? ''}，有修改 ${p.changeCount} ${p.recordUnit ?? ''}`
      : `共 ${p.rows} 行：可导入 ${p.validRows} 行，拒绝 ${p.rejectedRows} 行；${p.households} 户、${p.persons} 人，` +
          `新增 ${p.newPeople} 人、${p.newHouseholds} 户、${p.newCases} 件救助，已存在且无变化 ${p.unchangedCases} 件`,
  );
  if (p.changeCount > 0) {
    io.out(`台账中已有记录的修改（${p.changeCount} 处）：`);
    for (const c of p.changes.slice(0, MAX_PRINTED_CHANGES)) {
      io.out(`  「${c.sheet}」第 ${c.row} 行 ${c.subject} ${c.field}：${c.before} → ${c.after}`);
    }
    if (p.changeCount > MAX_PRINTED_CHANGES) io.out(`  ……另有 ${p.changeCount - MAX_PRINTED_CHANGES} 处`);
  }
  // The column mapping: one line for a sheet whose columns were all recognised, the full list otherwise.
  for (const s of p.sheets) {
    const mapped = s.columns
      .filter((c) => c.field)
      .map((c) => `${c.column}${c.header}→${p.fields.find((f) => f.key === c.field)?.label ?? c.field}`);
    const ignored = s.columns.filter((c) => !c.field && c.header).map((c) => `${c.column}${c.header}`);
    const head = `工作表「${s.name}」：表头在第 ${s.headerRows.join('、')} 行，数据 ${s.dataRows} 行`;
    if (ignored.length === 0 && s.columns.every((c) => !c.note)) {
      io.out(`${head}，${mapped.length} 列全部识别${s.households ? `；${s.households}` : ''}`);
    } else {
      io.out(head + (s.households ? `；${s.households}` : ''));
      io.out(`  识别的列：${mapped.join('，')}`);
      if (ignored.length > 0) io.out(`  忽略的列：${ignored.join('，')}`);
    }
  }
  const notices = p.problemGroups.filter((g) => g.severity === 'warning');
  if (notices.length > 0) {
    io.out('提示：');
    for (const g of notices) io.out(`  · ${groupLine(g)}`);
  }
  if (p.problemCount > 0) {
    io.out(`逐行明细（${p.errorCount} 个错误，${p.problemCount - p.errorCount} 个提示）：`);
    for (const q of p.problems.slice(0, MAX_PRINTED_PROBLEMS)) {
      const where = [`「${q.sheet}」`, q.row !== null ? `第 ${q.row} 行` : '', q.column ?? '']
        .filter(Boolean)
        .join(' ');
      const seen = q.value ? `（值：${q.value}）` : '';
      io.out(`  ${q.severity === 'error' ? '✗' : '·'} ${where}：${q.message}${seen}`);
    }
    if (p.problemCount > MAX_PRINTED_PROBLEMS)
      io.out(`  ……另有 ${p.problemCount - MAX_PRINTED_PROBLEMS} 个问题未列出（用 --errors 导出全部被拒绝的行）`);
  }
}

/** “7 户：月保障金为空（「台账」第 3、9、15 行…）”. */
function groupLine(g: ImportProblemGroup): string {
  const bySheet = new Map<string, number[]>();
  for (const r of g.rows) if (r.row !== null) bySheet.set(r.sheet, [...(bySheet.get(r.sheet) ?? []), r.row]);
  const where = [...bySheet].map(
    ([sheet, rows]) => `「${sheet}」第 ${rows.slice(0, 12).join('、')}${rows.length > 12 ? '…' : ''} 行`,
  );
  const sheetsOnly = g.rows.filter((r) => r.row === null).map((r) => `「${r.sheet}」`);
  const at = [...where, ...sheetsOnly].join('；');
  return `${g.count} ${g.unit}：${g.message}${at ? `（${at}${g.count > g.rows.length ? ' 等' : ''}）` : ''}`;
}

export const importCommand: Command = {
  name: 'import',
  summary: '从 Excel(.xlsx/.xls)/CSV 导入台账或名册：先预览问题，默认有被拒绝的行时不写入；以指定用户身份记录操作日志',
  usage:
    'civil-ledger import --db 文件 --file 路径 --user 登录名 [--kind cases|facilities|elderly|orgs|children] [--map "列名=字段,…"] ' +
    '[--dry-run] [--partial] [--apply-changes] [--errors 输出.xlsx] [--json] [--reason 更正原因]\n' +
    '  --kind：cases 社会救助台账（不写时）；facilities 养老服务设施台账；elderly 特殊困难老年人名册；orgs 社会组织名册；children 儿童福利名册\n' +
    '  --reason：导入涉及已定稿上报的月份时必须填写的更正原因（记入操作日志）\n' +
    '  --json：标准输出只打印一行 JSON {file, kind, rows, accepted:{rows, households, persons, records}, rejected:[{sheet, row, column, message}], written}（cases 另有 batch:{id, no}|null：待审核人确认的导入批次），说明文字改到标准错误\n' +
    '  密码取自环境变量 CIVIL_LEDGER_PASSWORD，没有时在终端询问。\n' +
    '  退出码：0 全部导入；3 有被拒绝的行（未写入，--partial 时只导入正确的行）；2 文件无法读取或用法错误',
  options: {
    ...SESSION_OPTIONS,
    kind: { type: 'string' },
    file: { type: 'string' },
    map: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    reason: { type: 'string' },
    partial: { type: 'boolean' },
    'apply-changes': { type: 'boolean' },
    errors: { type: 'string' },
  },
  async run(values, rawIo) {
    // With --json the human text goes to stderr and stdout carries one JSON object (the shape in docs/IMPORT.md).
    const { json, io } = jsonIo(values, rawIo);
    const summary: JsonSummary = {
      file: typeof values.file === 'string' ? basename(values.file) : '',
      kind: kindOf(values),
      rows: 0,
      accepted: { rows: 0, households: 0, persons: 0, records: 0 },
      rejected: [],
      written: false,
      // The case ledger's imports may wait for a reviewer (the registers never do): cases only.
      ...(kindOf(values) === 'cases' ? { batch: null } : {}),
    };
    try {
      return await runImportCommand(values, io, summary);
    } catch (e) {
      if (json && summary.rejected.length === 0) {
        summary.rejected.push({ sheet: null, row: null, column: null, message: (e as Error).message });
      }
      throw e;
    } finally {
      if (json) rawIo.out(JSON.stringify(summary));
    }
  },
};

/**
 * The lock file Excel/WPS (`~$name.xlsx`; for longer names Excel replaces the first two characters: `~$dget.xlsx`)
 * or LibreOffice (`.~lock.name.xlsx#`) keep beside a workbook while it is open; null when there is none.
 */
export function openLockFile(path: string): string | null {
  const dir = dirname(path);
  const name = basename(path);
  for (const candidate of [`~$${name}`, `~$${name.slice(2)}`, `.~lock.${name}#`]) {
    if (existsSync(join(dir, candidate))) return candidate;
  }
  return null;
}

interface JsonSummary {
  file: string;
  kind: string;
  rows: number;
  accepted: { rows: number; households: number; persons: number; records: number };
  rejected: { sheet: string | null; row: number | null; column: string | null; message: string }[];
  written: boolean;
  /** Cases: the import batch a reviewer must confirm (import-confirm --batch takes either), null when it counts at once. */
  batch?: { id: string; no: number } | null;
}

async function runImportCommand(values: CliValues, io: CliIO, summary: JsonSummary): Promise<number> {
  const fail = (message: string, code: number): number => {
    io.err(message);
    summary.rejected.push({ sheet: null, row: null, column: null, message });
    return code;
  };
  {
    const dbPath = resolve(requireString(values, 'db'));
    const kind = kindOf(values);
    const filePath = resolve(requireString(values, 'file'));
    const username = requireString(values, 'user');
    checkKind(kind);
    // A file still open in Excel/WPS (its lock file beside it) may be half-saved: refuse, naming the lock file.
    const lock = openLockFile(filePath);
    if (lock !== null) {
      return fail(
        `“${basename(filePath)}”正在 Excel/WPS 中打开（旁边有锁定文件 ${lock}），未导入任何数据。请先在 Excel/WPS 中保存并关闭该文件，再导入`,
        EXIT_USAGE,
      );
    }
    const input = readInput(filePath, MAX_IMPORT_BYTES);
    if ('error' in input) return fail(input.error, EXIT_USAGE);
    const { bytes } = input;
    const mapping = typeof values.map === 'string' ? splitMapArg(values.map) : undefined;
    return withSession(dbPath, username, io, fail, async (call, session) => {
      const fileInput = {
        kind,
        fileName: basename(filePath),
        data: bytes.toString('base64'),
        ...(mapping ? { mapping } : {}),
      };

      const preview = await call<ImportPreview>('exchange.previewImport', fileInput, session);
      if (!preview.ok) {
        return fail(preview.error.message, exitFor(preview.error.code));
      }
      const p = preview.data;
      printPreview(p, io);
      summary.rows = p.rows;
      summary.accepted = { rows: p.validRows, households: p.households, persons: p.persons, records: p.records };
      summary.rejected = p.problems
        .filter((q) => q.severity === 'error')
        .map((q) => ({ sheet: q.sheet, row: q.row, column: q.column, message: q.message }));
      const rejected = p.errorCount > 0;

      if (typeof values.errors === 'string' && rejected) {
        const out = await call<FileOutput>('exchange.rejectedRows', fileInput, session);
        if (out.ok) {
          writeFileSync(resolve(values.errors), Buffer.from(out.data.data, 'base64'));
          io.out(`被拒绝的 ${out.data.rows} 行已写入 ${resolve(values.errors)}（末列为问题说明，修正后可重新导入）`);
        } else io.err(`无法写出被拒绝的行：${out.error.message}`);
      }
      if (values['dry-run']) {
        io.out('试运行（--dry-run）：未写入任何数据');
        return rejected ? EXIT_REJECTED : EXIT_OK;
      }
      if (rejected && !values.partial) {
        io.out('有被拒绝的行，未导入任何数据。修正后重新导入，或加 --partial 只导入正确的行');
        return EXIT_REJECTED;
      }
      const result = await call<ImportResult>(
        'exchange.import',
        {
          ...fileInput,
          partial: values.partial === true,
          accept: values['apply-changes'] ? 'all' : [],
          ...(typeof values.reason === 'string' ? { correctionReason: values.reason } : {}),
        },
        session,
      );
      if (!result.ok) {
        summary.rejected.push({ sheet: null, row: null, column: null, message: result.error.message });
        io.err(`导入失败，未写入任何数据：${result.error.message}`);
        return result.error.code === 'RULE' ? EXIT_REJECTED : exitFor(result.error.code);
      }
      const r = result.data;
      summary.written = true;
      if ((kind as ImportKind) === 'cases') summary.batch = r.batch ? { id: r.batch.id, no: r.batch.no } : null;
      if ((kind as ImportKind) === 'cases') {
        io.out(`已导入：新增 ${r.people} 人、${r.households} 户、${r.cases} 件救助；应用修改 ${r.changesApplied} 处`);
      } else {
        io.out(
          `已导入${IMPORT_KIND_TITLES[kind as ImportKind]}：新增 ${r.records ?? 0} ${p.recordUnit ?? ''}；应用修改 ${r.changesApplied} 处`,
        );
      }
      if (r.batch)
        io.out(
          `导入批次 ${r.batch.no} 待审核人确认（导入人以外的审核人：civil-ledger import-confirm --batch ${r.batch.no}，或在“导入待确认”页面）；确认前这些救助不进发放花名册和月报${r.changesPending > 0 ? `，${r.changesPending} 处修改确认后生效` : ''}`,
        );
      if (r.changesSkipped > 0)
        io.out(`未应用的修改 ${r.changesSkipped} 处（加 --apply-changes 应用台账中已有记录的修改）`);
      if (rejected) io.out(`被拒绝的 ${r.rejectedRows} 行未导入`);
      return rejected ? EXIT_REJECTED : EXIT_OK;
    });
  }
}

/** --kind, the case ledger when not given (what a township's import is, most of the time). */
function kindOf(values: CliValues): string {
  return typeof values.kind === 'string' ? values.kind : 'cases';
}

function checkKind(kind: string): ImportKind {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(
      `--kind 应为 ${IMPORT_KINDS.map((k) => `${k}（${IMPORT_KIND_TITLES[k]}）`).join('、')}，收到“${kind}”`,
    );
  }
  return kind as ImportKind;
}

/**
 * `civil-ledger export`: a ledger's import template (--template), or its active records with the template's columns
 * (so the file imports back unchanged). ID numbers masked unless --full-ids with --reason (reviewer/administrator).
 */
export const exportCommand: Command = {
  name: 'export',
  summary: '导出台账/名册（列与导入模板相同，可修改后重新导入）或空白导入模板；以指定用户身份记录操作日志',
  usage:
    'civil-ledger export --db 文件 --user 登录名 --out 输出.xlsx [--kind cases|facilities|elderly|orgs|children] ' +
    '[--template] [--full-ids --reason 用途]\n' +
    '  --template：只写出空白导入模板（含填写说明）\n' +
    '  --full-ids：含完整身份证号码（审核人/管理员，须用 --reason 写明用途）；默认遮挡',
  options: {
    ...SESSION_OPTIONS,
    kind: { type: 'string' },
    out: { type: 'string' },
    template: { type: 'boolean' },
    'full-ids': { type: 'boolean' },
    reason: { type: 'string' },
  },
  async run(values, io) {
    const dbPath = resolve(requireString(values, 'db'));
    const kind = checkKind(kindOf(values));
    const username = requireString(values, 'user');
    const outPath = resolve(requireString(values, 'out'));
    const fail = failOn(io);
    return withSession(dbPath, username, io, fail, async (call, session) => {
      const full = values['full-ids'] === true;
      const purpose = typeof values.reason === 'string' ? { reason: values.reason } : {};
      const out = values.template
        ? await call<FileOutput>('exchange.template', { kind }, session)
        : kind === 'cases'
          ? await call<FileOutput>(
              'exchange.exportCases',
              { filter: {}, ...(full ? { fullIdNumbers: true, ...purpose } : {}) },
              session,
            )
          : await call<FileOutput>(
              'exchange.exportRegister',
              { kind, ...(full ? { fullIdNumbers: true, ...purpose } : {}) },
              session,
            );
      if (!out.ok) return fail(`未导出：${out.error.message}`, exitFor(out.error.code));
      writeFileSync(outPath, Buffer.from(out.data.data, 'base64'));
      io.out(
        values.template
          ? `已写出${IMPORT_KIND_TITLES[kind]}导入模板：${outPath}`
          : `已导出${IMPORT_KIND_TITLES[kind]} ${out.data.rows} 条：${outPath}`,
      );
      return EXIT_OK;
    });
  },
};
