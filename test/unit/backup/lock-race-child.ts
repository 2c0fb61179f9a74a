// One of the two processes the lock race test runs. Reads commands on stdin, one per line:
//   take <ledger path>   tries to take the lock; answers HELD or REFUSED <message>
//   release              releases a held lock; answers RELEASED
// Usage: node lock-race-child.mjs   (the test runs an esbuild bundle of this file)
import { createInterface } from 'node:readline';
import { acquireLedgerLock, type LedgerLock } from '../../../src/main/ledger/backup/lock';

let held: LedgerLock | null = null;
const say = (line: string) => process.stdout.write(`${line}\n`);
say('READY');
for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, ...rest] = line.split(' ');
  if (cmd === 'take') {
    try {
      held = acquireLedgerLock(rest.join(' '));
      say('HELD');
    } catch (e) {
      say(`REFUSED ${(e as Error).message.replace(/\n/g, ' ')}`);
    }
  } else if (cmd === 'release') {
    held?.release();
    held = null;
    say('RELEASED');
  }
}
