// The writing process the crash test kills with SIGKILL at a random moment. It writes through the real core the way
// the app does and prints one line per acknowledged (committed) write:
//   ACK village <name>       villages.create through the dispatcher
//   ACK user <username>      users.create through the dispatcher (user row + journal entry)
//   ACK batch <tag> <n>      a multi-row operation: n villages and n journal entries in ONE transaction, the way an
//                            import or a roll confirmation writes (kysely transaction + appendJournal)
// Usage: node --import tsx crash-child.ts <ledger> <prefix> [init]   (the test runs an esbuild bundle of it)
import { startCore } from '../../../src/main/core';
import { appendJournal } from '../../../src/main/ledger/journal';
import { newId } from '../../../src/main/ledger/ids';

const [dbPath, prefix, mode] = process.argv.slice(2);
if (!dbPath || !prefix) throw new Error('usage: crash-child.ts <ledger> <prefix> [init]');
export const BATCH_SIZE = 25;

const say = (line: string) => process.stdout.write(`${line}\n`);

const core = await startCore({ dbPath, create: mode === 'init' });
say('READY');
if (mode === 'init') {
  const r = await core.dispatcher.dispatch({
    method: 'setup.init',
    input: {
      townshipCode: '321202001',
      admin: { username: 'admin', displayName: '王管理', password: 'test-password-1' },
    },
  });
  if (!r.ok) throw new Error(r.error.message);
  say('ACK setup');
}
const login = await core.dispatcher.dispatch({
  method: 'auth.login',
  input: { username: 'admin', password: 'test-password-1' },
});
if (!login.ok) throw new Error(login.error.message);
const session = (login.data as { session: string }).session;

for (let i = 0; ; i++) {
  const op = i % 10;
  if (op === 0) {
    const username = `${prefix}u${i}`;
    const r = await core.dispatcher.dispatch({
      method: 'users.create',
      input: { username, displayName: '测试用户', role: 'clerk', password: 'test-password-1' },
      session,
    });
    if (!r.ok) throw new Error(r.error.message);
    say(`ACK user ${username}`);
  } else if (op >= 7) {
    const tag = `${prefix}b${i}`;
    await core.ledger.db.transaction().execute(async (trx) => {
      const at = new Date().toISOString();
      const rows = Array.from({ length: BATCH_SIZE }, (_, k) => ({
        id: newId(),
        code: null,
        name: `批${tag}-${k}`,
        kind: 'village' as const,
        sort_order: 10_000 + k,
        active: 1,
        merged_into_id: null,
        created_at: at,
        updated_at: at,
        version: 1,
      }));
      await trx.insertInto('villages').values(rows).execute();
      await appendJournal(
        trx,
        { id: null, name: '批量测试' },
        rows.map((r) => ({ action: 'village.create', entity: 'villages', entityId: r.id, after: { name: r.name } })),
        at,
      );
    });
    say(`ACK batch ${tag} ${BATCH_SIZE}`);
  } else {
    const name = `村${prefix}${i}`;
    const r = await core.dispatcher.dispatch({ method: 'villages.create', input: { name, kind: 'village' }, session });
    if (!r.ok) throw new Error(r.error.message);
    say(`ACK village ${name}`);
  }
}
