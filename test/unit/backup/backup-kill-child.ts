// Makes backups of a ledger one after another until it is killed (the kill -9 test). Prints one line per backup
// completed: DONE <path>.
// Usage: node backup-kill-child.mjs <ledger>   (the test runs an esbuild bundle of this file)
import { runBackup } from '../../../src/main/ledger/backup/backup';

const [dbPath] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: backup-kill-child <ledger>');
process.stdout.write('READY\n');
for (;;) {
  const r = await runBackup({ path: dbPath }, { kind: 'manual', reason: '中断测试' });
  process.stdout.write(`DONE ${r.path}\n`);
}
