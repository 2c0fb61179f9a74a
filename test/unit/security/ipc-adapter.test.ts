// The IPC adapter's wiring (src/main/electron/ipc.ts) with a stand-in for Electron's ipcMain — the Electron binary is
// not available here — and the real dispatcher on a real ledger: a call from an unknown frame is refused before it
// reaches the dispatcher; a call from our page's main frame is answered, with only the request's fields passed on.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

type Listener = (event: { senderFrame: { url: string; parent: unknown } | null }, payload: unknown) => Promise<unknown>;
const registered = new Map<string, Listener>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: Listener) => registered.set(channel, fn),
    removeHandler: (channel: string) => registered.delete(channel),
  },
}));

const { registerLedgerIpc } = await import('../../../src/main/electron/ipc');
const { IPC_CHANNEL } = await import('../../../src/main/electron/policy');

let t: TestCore;
let unregister: () => void;
beforeEach(async () => {
  t = await makeTestCore();
  unregister = registerLedgerIpc(t.core.dispatcher);
});
afterEach(async () => {
  unregister();
  await t.close();
});

const ours = { url: 'app://ledger/index.html#/settings', parent: null };

test('a call from our page’s main frame reaches the dispatcher', async () => {
  const handler = registered.get(IPC_CHANNEL)!;
  const r = await handler({ senderFrame: ours }, { method: 'villages.list', input: {}, session: t.clerk.session });
  expect(r).toMatchObject({ ok: true });
  expect(Array.isArray((r as { data: unknown }).data)).toBe(true);
});

test('calls from a sub-frame, another origin or an unknown frame are refused and write nothing', async () => {
  const handler = registered.get(IPC_CHANNEL)!;
  const journal = () => t.core.ledger.raw.prepare('SELECT count(*) FROM journal').pluck().get();
  const before = journal();
  const write = { method: 'villages.create', input: { name: '越权村', kind: 'village' }, session: t.admin.session };
  for (const senderFrame of [
    { url: ours.url, parent: {} },
    { url: 'https://evil.example/', parent: null },
    { url: 'file:///tmp/x.html', parent: null },
    null,
  ]) {
    expect(await handler({ senderFrame }, write)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' },
    });
  }
  expect(journal()).toBe(before);
  // The same call from our page goes through: the refusals above were the frame check, not the input.
  expect(await handler({ senderFrame: ours }, write)).toMatchObject({ ok: true });
});
