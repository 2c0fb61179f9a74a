// `backup` and `restore`: the same verified one-file backup and checked restore the app uses (ledger/backup/).
// A backup is a copy of every person's data: each one is journalled in the ledger (who, what, where, why).
import { existsSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import {
  freshBackupName,
  runBackup,
  writeVerifiedBackup,
  removeQuietly,
  restoreLedger,
  type BackupManifest,
} from '../../ledger/backup';
import { commandLineActor } from '../../ledger/journal';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, requireString, type Command } from '../command';
import { journalBeside } from './files';
import { NO_PASSWORD, passwordOf, SESSION_OPTIONS } from './session';

/** Journals a backup in the ledger it copied (a second connection: the app may have the ledger open). */
function journalBackup(db: string, path: string, m: BackupManifest, reason: string, secondCopy: string | null): void {
  journalBeside(db, commandLineActor(), [
    {
      action: 'backup.run',
      entity: 'backups',
      entityId: basename(path),
      after: {
        file: path,
        secondCopy,
        sha256: m.sha256,
        bytes: m.bytes,
        journalHead: m.journalHead ?? null,
        via: '命令行',
      },
      reason,
    },
  ]);
}

export const backupCommand: Command = {
  name: 'backup',
  summary: '备份台账：一个文件内含校验记录；写入临时文件、检查、落盘后再改名；可在软件运行时进行；记入操作日志',
  usage:
    'civil-ledger backup --db 文件 [--out 文件或文件夹] [--reason 原因]（不给 --out 时写入台账旁的 备份 文件夹；已有的文件不会被覆盖）',
  options: { db: { type: 'string' }, out: { type: 'string' }, reason: { type: 'string' } },
  async run(values, io) {
    const db = resolve(requireString(values, 'db'));
    const reason = typeof values.reason === 'string' && values.reason.trim() ? values.reason.trim() : '命令行备份';
    const at = new Date();
    const by = commandLineActor().name;
    let path: string;
    let manifest: BackupManifest;
    let secondCopy: string | null = null;
    if (typeof values.out === 'string' && values.out.length > 0) {
      let out = resolve(values.out);
      if (existsSync(out) && statSync(out).isDirectory())
        out = freshBackupName(out, basename(db, extname(db)), at, 'manual');
      else if (existsSync(out)) {
        io.err(`文件“${out}”已存在，备份不会覆盖已有文件：请换一个文件名，或给出文件夹`);
        return EXIT_USAGE;
      }
      manifest = await writeVerifiedBackup({ path: db }, out, { kind: 'manual', reason, at, by });
      path = out;
    } else {
      const r = await runBackup({ path: db }, { kind: 'manual', reason, now: at, by });
      path = r.path;
      manifest = r.manifest;
      secondCopy = r.secondCopy;
      for (const w of r.warnings) io.err(`注意：${w}`);
    }
    try {
      journalBackup(db, path, manifest, reason, secondCopy);
    } catch (e) {
      removeQuietly(path);
      if (secondCopy) removeQuietly(secondCopy);
      io.err(`备份已撤销：无法记入操作日志（${(e as Error).message}）。备份是全部个人信息的副本，必须留有记录`);
      return EXIT_FAILURE;
    }
    io.out(
      [
        `已备份到：${path}`,
        `已通过完整性检查和操作日志链检查（${manifest.journalEntries} 条），校验记录在文件内`,
        `SHA-256：${manifest.sha256}`,
        '已记入操作日志',
      ].join('\n'),
    );
    return EXIT_OK;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: '从备份恢复台账：先核验备份的校验记录和完整性，再替换；被替换的台账另存保留；记入操作日志',
  usage:
    'civil-ledger restore --from 备份文件 --db 台账文件 [--unverified --user 管理员登录名 --reason 原因]（恢复前请关闭正在使用该台账的软件；没有校验记录的文件须加 --unverified 并由管理员确认）',
  options: {
    from: { type: 'string' },
    ...SESSION_OPTIONS,
    unverified: { type: 'boolean' },
    reason: { type: 'string' },
  },
  async run(values, io) {
    const from = resolve(requireString(values, 'from'));
    const db = resolve(requireString(values, 'db'));
    let admin: { username: string; password: string } | undefined;
    if (values.unverified === true) {
      const username = requireString(values, 'user');
      const password = await passwordOf(io, `管理员 ${username} 的密码：`);
      if (!password) {
        io.err(NO_PASSWORD);
        return EXIT_USAGE;
      }
      admin = { username, password };
    }
    const r = await restoreLedger({
      from,
      db,
      ...(values.unverified === true ? { unverified: true } : {}),
      ...(admin ? { admin } : {}),
      ...(typeof values.reason === 'string' && values.reason.trim() ? { reason: values.reason.trim() } : {}),
    });
    const v = r.verification;
    io.out(
      [
        `已从备份恢复：${from}`,
        `台账：${db}${r.facts.townshipName ? `（${r.facts.townshipName}）` : ''}`,
        ...v.checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.name}：${c.message}`),
        ...(v.unvouched.length > 0
          ? ['以下内容无法担保（管理员已确认恢复，已记入操作日志）：', ...v.unvouched.map((u) => `  - ${u}`)]
          : []),
        r.replacedKeptAt ? `原台账已另存为：${r.replacedKeptAt}` : '原位置没有台账，已直接放入',
      ].join('\n'),
    );
    return EXIT_OK;
  },
};
