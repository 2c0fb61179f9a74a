// `civil-ledger exchange export|import`: change files between a village copy and the office (docs/EXCHANGE.md).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LedgerError } from '../../../shared/errors';
import { handlers } from '../../api/handlers';
import { startCore } from '../../core';
import {
  ACK_FORMAT,
  exportChanges,
  importChangeFile,
  readAck,
  readCopyState,
  readReturn,
  writeReturn,
  type ImportSummary,
} from '../../ledger/village';
import { EXIT_OK, EXIT_USAGE, requireString, type CliIO, type CliValues, type Command } from '../command';
import { readInput } from './files';
import { jsonIo, SESSION_OPTIONS } from './session';
import { authenticate } from './village';

export const exchangeExportCommand: Command = {
  name: 'exchange export',
  summary:
    '村级副本：把办公室尚未确认的全部变更写入一个签名的变更文件（编号连续）；办公室用 --for 写出给副本的回传文件',
  usage:
    'civil-ledger exchange export --db 副本文件 --out 变更文件\n' +
    '  civil-ledger exchange export --db 办公室台账 --for 副本编号 --out 回传文件 [--full]\n' +
    '  回传文件含每项变更的处理结果和办公室中这些村的记录（办公室签名）：第一次和 --full 时为全部记录，' +
    '否则只含副本上次确认的回传文件之后的变化',
  options: { db: { type: 'string' }, out: { type: 'string' }, for: { type: 'string' }, full: { type: 'boolean' } },
  async run(values: CliValues, io: CliIO) {
    const dbPath = resolve(requireString(values, 'db'));
    const out = resolve(requireString(values, 'out'));
    const core = await startCore({ dbPath });
    try {
      if (typeof values.for === 'string') {
        const copyId = values.for;
        const r = await core.ledger.db.transaction().execute((trx) =>
          writeReturn(
            trx,
            core.ledger,
            copyId,
            { id: null, name: '命令行导出' },
            {
              dataDir: core.dataDir,
              full: values.full === true,
            },
          ),
        );
        writeFileSync(out, r.text);
        io.out(
          `已写出给村级副本 ${copyId} 的第 ${r.returnSeq} 号回传文件（${r.full ? '完整' : '只含上次确认后的变化'}）：${out}` +
            `（${r.results} 项变更的处理结果，${r.rows} 条村级记录${r.removed > 0 ? `，${r.removed} 条已不存在的记录` : ''}）`,
        );
        return EXIT_OK;
      }
      const r = await exportChanges(core.ledger, { id: null, name: '命令行导出' });
      writeFileSync(out, r.text);
      io.out(`已写出第 ${r.fileSeq} 号变更文件：${out}（变更 ${r.range[0]}–${r.range[1]}，共 ${r.changes} 项）`);
      return EXIT_OK;
    } finally {
      await core.close();
    }
  },
};

export const exchangeImportCommand: Command = {
  name: 'exchange import',
  summary: '办公室：导入村级副本的变更文件（先验签名、副本和编号；一个事务；冲突进复核队列，不覆盖）',
  usage:
    'civil-ledger exchange import --db 办公室台账 --file 变更文件 --user 登录名 [--json]\n' +
    '  --json：标准输出只打印一行 JSON {"copy", "sequence": [from, to], "applied", "alreadyApplied", "conflicts", "refused"}\n' +
    '  密码取自环境变量 CIVIL_LEDGER_PASSWORD，没有时在终端询问。退出码：0 已导入（或已导入过）；2 文件被拒绝，未导入任何内容',
  options: { ...SESSION_OPTIONS, file: { type: 'string' }, json: { type: 'boolean' } },
  async run(values: CliValues, rawIo: CliIO) {
    const { json, io } = jsonIo(values, rawIo);
    const summary: ImportSummary = {
      copy: '',
      sequence: [0, 0],
      applied: 0,
      alreadyApplied: 0,
      conflicts: 0,
      refused: 0,
    };
    try {
      return await runImport(values, io, summary);
    } catch (e) {
      // A refused file: none of its changes was applied.
      if (e instanceof LedgerError && e.code === 'BAD_INPUT') summary.refused = Math.max(summary.refused, 1);
      throw e;
    } finally {
      if (json) rawIo.out(JSON.stringify(summary));
    }
  },
};

async function runImport(values: CliValues, io: CliIO, summary: ImportSummary): Promise<number> {
  const dbPath = resolve(requireString(values, 'db'));
  const filePath = resolve(requireString(values, 'file'));
  const username = requireString(values, 'user');
  const input = readInput(filePath);
  if ('error' in input) {
    io.err(input.error);
    return EXIT_USAGE;
  }
  const text = input.bytes.toString('utf8');
  const core = await startCore({ dbPath });
  try {
    const actor = await authenticate(core.ledger, username, io, 'clerk');
    if (await readCopyState(core.ledger.db)) {
      // In a village copy: the office's return file (or an acknowledgement file of the first version).
      if (text.includes(`"${ACK_FORMAT}"`)) {
        const r = await readAck(core.ledger, text, { id: actor.id, name: actor.name });
        io.out(`已导入办公室的确认文件：截至第 ${r.upToFileSeq} 号变更文件，新确认 ${r.acknowledged} 项变更`);
        return EXIT_OK;
      }
      const r = await core.ledger.db
        .transaction()
        .execute((trx) => readReturn(trx, core.ledger.raw, core.dataDir, text, { id: actor.id, name: actor.name }));
      io.out(
        r.alreadyImported
          ? `第 ${r.returnSeq} 号回传文件已经导入过：未作任何改动`
          : `已导入第 ${r.returnSeq} 号回传文件：办公室已处理到第 ${r.upToFileSeq} 号变更文件，确认 ${r.acknowledged} 项变更；` +
              `村级记录更新 ${r.written} 条、移除 ${r.removed} 条` +
              (r.kept > 0 ? `；${r.kept} 条记录有尚未确认的变更，保留本副本的内容` : ''),
      );
      return EXIT_OK;
    }
    try {
      const head = JSON.parse(text) as { header?: { copyId?: unknown; changeRange?: unknown }; changes?: unknown[] };
      if (typeof head.header?.copyId === 'string') summary.copy = head.header.copyId;
      const range = head.header?.changeRange;
      if (Array.isArray(range) && range.length === 2) summary.sequence = [Number(range[0]), Number(range[1])];
      // Until the file is accepted, all its changes count as refused (what --json prints if it is not).
      if (Array.isArray(head.changes)) summary.refused = head.changes.length;
    } catch {
      // verifyChangeFile names the problem
    }
    const r = await importChangeFile({
      office: core.ledger,
      host: { sessions: core.sessions, dataDir: core.dataDir, resourcesDir: core.resourcesDir },
      actor,
      text,
      handlers,
    });
    Object.assign(summary, {
      copy: r.copy,
      sequence: r.sequence,
      applied: r.applied,
      alreadyApplied: r.alreadyApplied,
      conflicts: r.conflicts,
      refused: r.refused,
    });
    if (r.alreadyImported) {
      io.out(`第 ${r.fileSeq} 号变更文件已经导入过：未作任何改动`);
      return EXIT_OK;
    }
    io.out(
      `已导入第 ${r.fileSeq} 号变更文件（变更 ${r.sequence[0]}–${r.sequence[1]}）：应用 ${r.applied} 项，` +
        `此前已应用 ${r.alreadyApplied} 项，待复核 ${r.conflicts} 项，拒绝 ${r.refused} 项`,
    );
    for (const x of r.results.filter((y) => y.result === 'queued' || y.result === 'refused')) {
      io.out(`  第 ${x.seq} 项：${x.result === 'queued' ? '待复核' : '拒绝'}——${x.message ?? ''}`);
    }
    return EXIT_OK;
  } finally {
    await core.close();
  }
}
