// `backup` and `restore`: the same verified backup and checked restore the app uses (ledger/backup/).
import { existsSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { runBackup, writeVerifiedBackup } from '../../ledger/backup/backup';
import { restoreLedger } from '../../ledger/backup/restore';
import { fileStamp } from '../../../shared/time';
import { EXIT_OK, requireString, type Command } from '../command';

export const backupCommand: Command = {
  name: 'backup',
  summary: '备份台账：写入临时文件、完整性检查、落盘后再改名；可在软件运行时进行',
  usage: 'civil-ledger backup --db 文件 [--out 文件或文件夹]（不给 --out 时写入台账旁的 备份 文件夹）',
  options: { db: { type: 'string' }, out: { type: 'string' } },
  async run(values, io) {
    const db = resolve(requireString(values, 'db'));
    const at = new Date();
    let path: string;
    let sha256: string;
    let journalEntries: number;
    if (typeof values.out === 'string' && values.out.length > 0) {
      let out = resolve(values.out);
      if (existsSync(out) && statSync(out).isDirectory()) {
        const stem = basename(db, extname(db));
        out = join(out, `${stem}-${fileStamp(at)}-manual.ledger`);
      }
      const m = await writeVerifiedBackup({ path: db }, out, { kind: 'manual', reason: '命令行备份', at });
      path = out;
      sha256 = m.sha256;
      journalEntries = m.journalEntries;
    } else {
      const r = await runBackup({ path: db }, { kind: 'manual', reason: '命令行备份', now: at });
      path = r.path;
      sha256 = r.manifest.sha256;
      journalEntries = r.manifest.journalEntries;
      for (const w of r.warnings) io.err(`注意：${w}`);
    }
    io.out(`已备份到：${path}\n已通过完整性检查和操作日志链检查（${journalEntries} 条）\nSHA-256：${sha256}`);
    return EXIT_OK;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: '从备份恢复台账：先完整检查备份，再替换；被替换的台账另存保留',
  usage: 'civil-ledger restore --from 备份文件 --db 台账文件（恢复前请关闭正在使用该台账的软件）',
  options: { from: { type: 'string' }, db: { type: 'string' } },
  async run(values, io) {
    const from = resolve(requireString(values, 'from'));
    const db = resolve(requireString(values, 'db'));
    const r = await restoreLedger({ from, db });
    io.out(
      [
        `已从备份恢复：${from}`,
        `台账：${db}${r.facts.townshipName ? `（${r.facts.townshipName}）` : ''}`,
        `检查：完整性正常，操作日志链完整（${r.facts.journalEntries} 条）${r.checksumVerified ? '，SHA-256 与备份记录一致' : '（此备份没有校验记录文件，未核对 SHA-256）'}`,
        r.replacedKeptAt ? `原台账已另存为：${r.replacedKeptAt}` : '原位置没有台账，已直接放入',
      ].join('\n'),
    );
    return EXIT_OK;
  },
};
