// End-to-end harness: a real ledger file, the real loopback HTTP host serving the built renderer, and Debian's
// Chromium driven by Playwright. Run `npm run build:renderer` first (npm run test:e2e does).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startCore, type Core } from '../../src/main/core';
import { startHttpHost, type HttpHost } from '../../src/main/http/host';
import { makeRestorer } from '../../src/main/restorer';
import { ensureDivisions } from '../helpers/divisions';
import { alreadyChosePassword, login, makeCaller, PASSWORD, TEST_TOWNSHIP, type Caller } from '../helpers/ledger';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ROOT = join(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test-results');

export interface E2E {
  page: Page;
  browser: Browser;
  core: Core;
  host: HttpHost;
  dbPath: string;
  /** Admin caller through the dispatcher, for arranging data a test does not exercise in the UI. */
  admin: Caller | null;
  screenshot(name: string): Promise<string>;
  /** Logs in through the login form. */
  loginAs(username: string, password?: string): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Set up the township and users (admin / reviewer / clerk / clerk2, password PASSWORD) before the browser opens. */
  initialized?: boolean;
}

/** Waits for a restore started from the backup screen (the host reopens the ledger behind the same address). */
export let restoreFinished: () => Promise<void> = async () => undefined;

export async function startE2E(options: StartOptions = {}): Promise<E2E> {
  if (!existsSync(CHROMIUM)) throw new Error(`未找到 Chromium：${CHROMIUM}（apt-get install chromium fonts-noto-cjk）`);
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html')))
    throw new Error('界面未构建：先运行 npm run build:renderer');
  ensureDivisions();
  const dir = mkdtempSync(join(tmpdir(), 'civil-ledger-e2e-'));
  const dbPath = join(dir, 'e2e.ledger');
  // Opened the way `serve` opens it: 恢复 on the backup screen reopens the ledger behind the same host.
  let core: Core;
  const restorer = makeRestorer({
    dbPath,
    current: () => core,
    reopen: () => startCore({ dbPath, restore: restorer.restore }),
    reopened: (c) => {
      core = c;
    },
    log: () => undefined,
  });
  restoreFinished = async () => {
    await restorer.running();
  };
  core = await startCore({ dbPath, create: true, restore: restorer.restore });
  let admin: Caller | null = null;
  if (options.initialized) {
    const r = await core.dispatcher.dispatch({
      method: 'setup.init',
      input: { townshipCode: TEST_TOWNSHIP, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } },
    });
    if (!r.ok) throw new Error(r.error.message);
    admin = await login(core, 'admin');
    for (const [username, displayName, role] of [
      ['reviewer', '李审核', 'reviewer'],
      ['clerk', '张经办', 'clerk'],
      ['clerk2', '赵经办', 'clerk'],
    ] as const) {
      await admin.call('users.create', { username, displayName, role, password: PASSWORD });
    }
    alreadyChosePassword(core, ['reviewer', 'clerk', 'clerk2']);
  }
  const host = await startHttpHost({
    dispatcher: { dispatch: (req) => core.dispatcher.dispatch(req) },
    rendererDir: join(ROOT, 'out', 'renderer'),
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  await page.goto(host.openUrl);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    page,
    browser,
    get core() {
      return core;
    },
    host,
    dbPath,
    admin,
    async screenshot(name) {
      const file = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async loginAs(username, password = PASSWORD) {
      await page.getByLabel('登录名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('navigation', { name: '主导航' }).waitFor();
    },
    async close() {
      await browser.close();
      await restorer.running();
      await host.close();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { makeCaller, PASSWORD };
