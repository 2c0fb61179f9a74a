// 局域网共享 over loopback addresses only: the host listens on 127.0.0.1 and the "other PCs" connect from 127.0.0.2,
// 127.0.0.3 … (Linux routes the whole 127.0.0.0/8 to the loopback interface).
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeClient, PinMismatchError, type OfficeClient } from '../../../src/main/network/client';
import { OfficeNetwork } from '../../../src/main/network/controller';
import { startCore } from '../../../src/main/core';
import { makeTestCore, PASSWORD, type TestCore } from '../../helpers/ledger';

const HOST = '127.0.0.1';
let t: TestCore;
let network: OfficeNetwork;
let url: string;
let fingerprint: string;
let villageId: string;

function pc(address: string, pin = fingerprint): OfficeClient {
  return officeClient({ url, fingerprint: pin, localAddress: address });
}

async function login(client: OfficeClient, username: string, password = PASSWORD): Promise<string> {
  const r = await client.call('auth.login', { username, password });
  if (!r.ok) throw new Error(r.error.message);
  return (r.data as { session: string }).session;
}

const journalCount = () => (t.core.ledger.raw.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n;

/** A port nothing listens on right now (the setting must name a real port, 1024–65535). */
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

beforeAll(async () => {
  network = new OfficeNetwork({ rendererDir: '/nonexistent', addresses: () => [{ address: HOST, name: 'lo' }] });
  t = await makeTestCore({ network });
  const status = await t.admin.call('network.configure', {
    enabled: true,
    address: HOST,
    port: await freePort(),
  } as never);
  const s = status as { running: boolean; url: string; fingerprint: string };
  expect(s.running).toBe(true);
  url = s.url;
  fingerprint = s.fingerprint;
  villageId = (await t.admin.call('villages.list', {}))[0]!.id;
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('turning 局域网共享 on', () => {
  it('serves HTTPS on the chosen address with a certificate whose fingerprint the settings page shows', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const r = await pc('127.0.0.2').call('setup.status', {});
    expect(r.ok && (r.data as { initialized: boolean }).initialized).toBe(true);
  });

  it('is journalled with who switched it on', async () => {
    const row = t.core.ledger.raw
      .prepare("SELECT actor_name FROM journal WHERE action = 'network.enable' ORDER BY seq DESC LIMIT 1")
      .get() as { actor_name: string } | undefined;
    expect(row?.actor_name).toBe('王管理');
  });

  it('a clerk cannot change it', async () => {
    const r = await t.clerk.try('network.configure', { enabled: false, address: null, port: 8443 } as never);
    expect(!r.ok && r.error.message).toMatch(/管理员/);
  });

  it('refuses an address this PC does not have', async () => {
    const r = await t.admin.try('network.configure', { enabled: true, address: '10.9.8.7', port: 8443 } as never);
    expect(!r.ok && r.error.message).toMatch(/这台电脑没有地址 10\.9\.8\.7/);
  });
});

describe('what the host refuses', () => {
  it('plain HTTP gets no answer', async () => {
    const port = new URL(url).port;
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: HOST, port, path: '/api', method: 'POST', localAddress: '127.0.0.2' }, (res) =>
        resolve(`answered ${res.statusCode}`),
      );
      req.on('error', (e) => resolve(`refused: ${(e as NodeJS.ErrnoException).code ?? e.message}`));
      req.end('{"method":"setup.status","input":{}}');
    });
    expect(outcome).toMatch(/^refused/);
  });

  it('another host name (DNS rebinding) and another web page (Origin) are refused', async () => {
    const c = pc('127.0.0.2');
    const wrongHost = await c.raw('/api', {
      method: 'POST',
      headers: { Host: 'evil.example:443', 'Content-Type': 'application/json' },
      body: '{"method":"setup.status","input":{}}',
    });
    expect(wrongHost.status).toBe(421);
    const wrongOrigin = await c.raw('/api', {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      body: '{"method":"setup.status","input":{}}',
    });
    expect(wrongOrigin.status).toBe(403);
    expect(JSON.parse(wrongOrigin.body).error.message).toBe('拒绝来自其他网页的请求');
  });

  it('a client pinned to another certificate refuses the host before sending anything', async () => {
    const wrongPin = fingerprint.replace(/^../, fingerprint.startsWith('00') ? '11' : '00');
    const before = journalCount();
    await expect(
      pc('127.0.0.3', wrongPin).call('auth.login', { username: 'clerk', password: PASSWORD }),
    ).rejects.toThrow(PinMismatchError);
    expect(journalCount()).toBe(before);
  });

  it('limits login attempts per PC, not only per user', async () => {
    const bad = pc('127.0.0.4');
    let last = '';
    for (let i = 0; i < 10; i++) {
      const r = await bad.call('auth.login', { username: `nobody${i}`, password: 'wrong-password' });
      if (!r.ok) last = r.error.message;
    }
    const blocked = await bad.call('auth.login', { username: 'clerk', password: PASSWORD });
    expect(!blocked.ok && blocked.error.message).toMatch(/这台电脑（127\.0\.0\.4）登录失败次数过多，请 \d+ 分钟后再试/);
    expect(last).not.toBe('');
    // Another PC is not affected.
    expect(await login(pc('127.0.0.5'), 'clerk')).toMatch(/.{20,}/);
  });

  it("enforces a client's role on the host", async () => {
    const c = pc('127.0.0.6');
    const s = await login(c, 'clerk');
    const r = await c.call(
      'users.create',
      { username: 'x1', displayName: '某人', role: 'admin', password: PASSWORD },
      s,
    );
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
  });
});

describe('two clerks at two PCs', () => {
  it('edit the same household: one wins, the other is told and nothing is lost', async () => {
    const a = pc('127.0.0.2');
    const b = pc('127.0.0.3');
    const sa = await login(a, 'clerk');
    const sb = await login(b, 'clerk2');
    const created = await a.call(
      'households.create',
      {
        villageId,
        hukouType: 'rural',
        annualIncomeFen: 1_200_000,
        members: [{ name: '王建国', idNumber: '11010519491231002X', relation: '户主' }],
      },
      sa,
    );
    if (!created.ok) throw new Error(created.error.message);
    const h = (created.data as { household: { id: string; version: number } }).household;
    const base = { id: h.id, version: h.version, villageId, hukouType: 'rural' as const };
    const [ra, rb] = [
      await a.call('households.update', { ...base, annualIncomeFen: 2_400_000 }, sa),
      await b.call('households.update', { ...base, annualIncomeFen: 100 }, sb),
    ];
    expect(ra.ok).toBe(true);
    expect(!rb.ok && rb.error.code).toBe('CONFLICT');
    expect(!rb.ok && rb.error.message).toMatch(/已被.*修改.*刷新/);
    const now = await b.call('households.get', { id: h.id }, sb);
    expect(now.ok && (now.data as { household: { annualIncomeFen: number } }).household.annualIncomeFen).toBe(
      2_400_000,
    );
  });

  it('the host shows who is connected from where', async () => {
    const status = (await t.admin.call('network.status', {})) as {
      clients: { username: string; address: string }[];
    };
    const seen = status.clients.map((c) => `${c.username}@${c.address}`);
    expect(seen).toEqual(expect.arrayContaining(['clerk@127.0.0.2', 'clerk2@127.0.0.3']));
  });
});

describe('a restart of the host', () => {
  it('keeps the clients logged in, the certificate and its fingerprint', async () => {
    const a = pc('127.0.0.7');
    const s = await login(a, 'clerk');
    // A write whose answer the client never saw (the host went down right after committing it).
    const input = {
      villageId,
      hukouType: 'rural',
      annualIncomeFen: 0,
      members: [{ name: '赵小燕', idNumber: '32021919900101003X', relation: '户主' }],
    };
    const sent = await a.call('households.create', input, s, 'req-before-restart');
    expect(sent.ok).toBe(true);
    const dbPath = t.dbPath;
    await t.core.close();
    // Same ledger, same folder: the app is started again on the main PC.
    const network2 = new OfficeNetwork({
      rendererDir: '/nonexistent',
      addresses: () => [{ address: HOST, name: 'lo' }],
    });
    const core2 = await startCore({ dbPath, network: network2 });
    t.core = core2;
    const status = network2.state();
    expect(status.running).toBe(true);
    expect(status.fingerprint).toBe(fingerprint);
    url = status.url!;
    const again = pc('127.0.0.7');
    const me = await again.call('auth.me', {}, s);
    expect(me.ok && (me.data as { username: string }).username).toBe('clerk');
    // The client sends the write again after reconnecting: the answer is the one stored, nothing is written twice.
    const retried = await again.call('households.create', input, s, 'req-before-restart');
    expect(retried).toEqual(sent);
    const n = core2.ledger.raw
      .prepare("SELECT count(*) AS n FROM people WHERE id_number = '32021919900101003X'")
      .get() as { n: number };
    expect(n.n).toBe(1);
  }, 60_000);
});

describe('a write sent again', () => {
  it('after its answer was lost is done once: the same request id returns the stored answer', async () => {
    const c = pc('127.0.0.8');
    const s = await login(c, 'clerk');
    const input = {
      villageId,
      hukouType: 'rural',
      annualIncomeFen: 0,
      members: [{ name: '李秀英', idNumber: '440524188001010014', relation: '户主' }],
    };
    const first = await c.call('households.create', input, s, 'req-0001-retry');
    const after = journalCount();
    const again = await c.call('households.create', input, s, 'req-0001-retry');
    expect(first.ok).toBe(true);
    expect(again).toEqual(first);
    expect(journalCount()).toBe(after);
    const n = t.core.ledger.raw
      .prepare("SELECT count(*) AS n FROM people WHERE id_number = '440524188001010014'")
      .get() as { n: number };
    expect(n.n).toBe(1);
  });

  it('under an id already used for another method is refused', async () => {
    const c = pc('127.0.0.8');
    const s = await login(c, 'clerk');
    const h = t.core.ledger.raw.prepare('SELECT id, version FROM households LIMIT 1').get() as {
      id: string;
      version: number;
    };
    const r = await c.call(
      'households.update',
      { id: h.id, version: h.version, villageId, hukouType: 'rural', annualIncomeFen: 1 },
      s,
      'req-0001-retry',
    );
    expect(!r.ok && r.error.message).toBe('请求编号已被另一操作使用，本次未保存');
  });
});
