// 局域网共享 under load (issue 16): 8 client PCs (127.0.0.10–17) × 500 mixed reads and writes each through the
// office host's HTTPS API, on a working copy of the benchmark ledger. Prints p50/p95 latency; checks that no write
// was lost or doubled (each client's household income went up by exactly its number of writes) and that the journal
// chain is intact. Runs alone: `npx tsx test/bench/network.ts [ledger]`, or as part of `npm run bench`.
import { createServer } from 'node:net';
import { rmSync } from 'node:fs';
import { startCore } from '../../src/main/core';
import { verifyJournal } from '../../src/main/ledger/journal';
import { SEED_PASSWORD } from '../../src/tools/seed/generate';
import { officeClient } from '../../src/main/network/client';
import { OfficeNetwork } from '../../src/main/network/controller';
import { workingCopy, type Row } from './lib';

const HOST = '127.0.0.1';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

export async function networkBench(ledgerPath: string, clients = 8, perClient = 500): Promise<Row[]> {
  const path = workingCopy(ledgerPath, 'network.ledger');
  const network = new OfficeNetwork({ rendererDir: '/nonexistent', addresses: () => [{ address: HOST, name: 'lo' }] });
  const core = await startCore({ dbPath: path, network });
  try {
    const admin = await core.dispatcher.dispatch({
      method: 'auth.login',
      input: { username: 'admin', password: SEED_PASSWORD },
    });
    if (!admin.ok) throw new Error(admin.error.message);
    const adminSession = (admin.data as { session: string }).session;
    const on = await core.dispatcher.dispatch({
      method: 'network.configure',
      input: { enabled: true, address: HOST, port: await freePort() },
      session: adminSession,
    });
    if (!on.ok) throw new Error(on.error.message);
    const { url, fingerprint } = on.data as { url: string; fingerprint: string };
    const households = core.ledger.raw
      .prepare('SELECT id, annual_income_fen AS income FROM households ORDER BY id LIMIT ?')
      .all(clients) as { id: string; income: number }[];
    const journalBefore = verifyJournal(core.ledger.raw);

    const latencies: number[] = [];
    // By kind of call, so the note can say which one sets the p95 (the core serves one call at a time).
    const byKind = new Map<string, number[]>();
    const kinds = ['households.get + update', 'households.list', 'people.search', 'households.get'];
    const cpu0 = process.cpuUsage();
    const writesDone = new Array<number>(clients).fill(0);
    let failures = 0;
    await Promise.all(
      households.map(async (h, i) => {
        const c = officeClient({ url, fingerprint, localAddress: `127.0.0.${10 + i}` });
        const login = await c.call('auth.login', { username: 'clerk', password: SEED_PASSWORD });
        if (!login.ok) throw new Error(login.error.message);
        const s = (login.data as { session: string }).session;
        for (let n = 0; n < perClient; n++) {
          const t = performance.now();
          let r;
          switch (n % 4) {
            case 0: {
              const got = await c.call('households.get', { id: h.id }, s);
              if (!got.ok) {
                r = got;
                break;
              }
              const hh = (
                got.data as {
                  household: { version: number; villageId: string; hukouType: string; annualIncomeFen: number };
                }
              ).household;
              r = await c.call(
                'households.update',
                {
                  id: h.id,
                  version: hh.version,
                  villageId: hh.villageId,
                  hukouType: hh.hukouType,
                  annualIncomeFen: hh.annualIncomeFen + 1,
                },
                s,
              );
              if (r.ok) writesDone[i]! += 1;
              break;
            }
            case 1:
              r = await c.call('households.list', { offset: (n * 37) % 500, limit: 50 }, s);
              break;
            case 2:
              r = await c.call('people.search', { q: '王', limit: 20 }, s);
              break;
            default:
              r = await c.call('households.get', { id: h.id }, s);
          }
          const ms = performance.now() - t;
          latencies.push(ms);
          const kind = kinds[n % 4] as string;
          const list = byKind.get(kind);
          if (list) list.push(ms);
          else byKind.set(kind, [ms]);
          if (!r.ok) failures++;
        }
      }),
    );
    const cpuUsed = process.cpuUsage(cpu0);
    latencies.sort((a, b) => a - b);
    const kindP95 = [...byKind]
      .map(
        ([k, xs]) =>
          `${k} ${pct(
            [...xs].sort((a, b) => a - b),
            95,
          ).toFixed(0)}`,
      )
      .join(', ');
    const after = core.ledger.raw.prepare('SELECT annual_income_fen AS income FROM households WHERE id = ?');
    const lostOrDoubled = households.filter(
      (h, i) => (after.get(h.id) as { income: number }).income !== h.income + writesDone[i]!,
    );
    const journal = verifyJournal(core.ledger.raw);
    const p95 = pct(latencies, 95);
    const totalWrites = writesDone.reduce((a, b) => a + b, 0);
    return [
      {
        what: `局域网共享: ${clients} clients × ${perClient} mixed calls over HTTPS (p95; p50 ${pct(latencies, 50).toFixed(1)} ms)`,
        target: 'p95 < 100 ms',
        timing: null,
        value: `${p95.toFixed(1)} ms`,
        ok: p95 < 100,
        note: `${latencies.length} calls, ${totalWrites} writes, ${failures} failed, ${lostOrDoubled.length} households with a lost/doubled write, journal ${journal.ok ? 'intact' : 'BROKEN'} (${journalBefore.ok ? 'was intact' : 'was broken'}); p95 ms by call: ${kindP95}; CPU of this process (core and the 8 clients) ${((cpuUsed.user + cpuUsed.system) / 1000 / latencies.length).toFixed(1)} ms per call`,
      },
    ];
  } finally {
    await core.close();
    for (const s of ['', '-wal', '-shm', '.lock']) rmSync(path + s, { force: true });
    rmSync(`${path}.files`, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('network.ts') && process.argv[2]) {
  const { printTable } = await import('./lib');
  printTable(await networkBench(process.argv[2]));
}
