// Child process of run.ts: opens the benchmark ledger as the app does, serves the calls a clerk's first minutes
// make (household list pages and searches, a household page, a month's figures), then prints its RSS.
import { rmSync } from 'node:fs';
import { startCore } from '../../src/main/core';
import { SEED_PASSWORD } from '../../src/tools/seed/generate';
import { workingCopy } from './lib';

const source = process.argv[2];
if (!source) throw new Error('usage: rss.ts <ledger>');
const path = workingCopy(source, 'rss.ledger');
const core = await startCore({ dbPath: path });
const login = await core.dispatcher.dispatch({
  method: 'auth.login',
  input: { username: 'clerk', password: SEED_PASSWORD },
});
if (!login.ok) throw new Error(login.error.message);
const session = (login.data as { session: string }).session;
const call = async (method: string, input: unknown) => {
  const r = await core.dispatcher.dispatch({ method, input, session });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data;
};
const raw = core.ledger.raw;
const total = raw.prepare('SELECT count(*) FROM households').pluck().get() as number;
for (let offset = 0; offset < total; offset += Math.max(50, Math.floor(total / 40)))
  await call('households.list', { offset, limit: 50 });
for (const q of ['王', 'wj', '0012', '陈']) await call('people.search', { q, offset: 0, limit: 50 });
const ids = raw.prepare('SELECT id FROM households ORDER BY id LIMIT 20').pluck().all() as string[];
for (const id of ids) await call('households.get', { id });
const month = raw.prepare(`SELECT max(month) FROM payment_rolls WHERE status = 'confirmed'`).pluck().get() as string;
await call('reports.figures', { month });
await call('rolls.lines', { month, offset: 0, limit: 100 });
const rss = process.memoryUsage().rss / 1024 / 1024;
await core.close();
for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
console.log(`RSS_MB=${rss.toFixed(1)}`);
