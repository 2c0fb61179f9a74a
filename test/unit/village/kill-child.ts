// The importing process the kill test stops with SIGKILL in the middle of an exchange import: it applies a change file
// through the real handlers and, after the 5th change (inside the import's one transaction), says MID and waits.
// Usage: node kill-child.mjs <office ledger> <change file>   (the test runs an esbuild bundle of it)
import { readFileSync } from 'node:fs';
import { handlers } from '../../../src/main/api/handlers';
import { startCore } from '../../../src/main/core';
import { importChangeFile } from '../../../src/main/ledger/village';
import type { ServiceContext } from '../../../src/main/ledger/kernel';

const [dbPath, filePath] = process.argv.slice(2);
if (!dbPath || !filePath) throw new Error('usage: kill-child <office ledger> <change file>');
const core = await startCore({ dbPath });
const admin = await core.ledger.db
  .selectFrom('users')
  .selectAll()
  .where('username', '=', 'admin')
  .executeTakeFirstOrThrow();
let n = 0;
const real = handlers as unknown as Record<string, (ctx: ServiceContext, input: unknown) => Promise<unknown>>;
const slowed = Object.fromEntries(
  Object.entries(real).map(([m, h]) => [
    m,
    async (ctx: ServiceContext, input: unknown) => {
      const out = await h(ctx, input);
      if (++n === 5) {
        process.stdout.write('MID\n');
        await new Promise(() => setInterval(() => undefined, 1000)); // held inside the transaction until killed
      }
      return out;
    },
  ]),
);
await importChangeFile({
  office: core.ledger,
  host: { sessions: core.sessions, dataDir: core.dataDir, resourcesDir: core.resourcesDir },
  actor: { id: admin.id, username: admin.username, name: admin.display_name, role: admin.role },
  text: readFileSync(filePath, 'utf8'),
  handlers: slowed,
});
process.stdout.write('DONE\n');
