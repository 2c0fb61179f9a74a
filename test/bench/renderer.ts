// Renderer benchmark (issue 9): "list of 50,000 people usable after navigation < 500 ms in Chromium". A copy of the
// large benchmark ledger is served by the real core and loopback HTTP host (as in test/e2e/harness.ts) to Debian's
// Chromium driven by Playwright. Each run goes from a light page to the household list (户与成员, 20,000 households /
// 50,000 people) and times, inside the page:
//   - navigation -> the first rows of data painted (household heads shown, not placeholders);
//   - then a jump of the scroll to the middle of the list -> the rows there painted with data.
// The first navigation is reported apart (cold: code and queries not yet warm). Prints figures; asserts nothing.
// Run alone: npx tsx test/bench/renderer.ts [--runs N]   (builds out/renderer first if it is missing)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCore } from '../../src/main/core';
import { startHttpHost } from '../../src/main/http/host';
import { SEED_PASSWORD } from '../../src/tools/seed/generate';
import { CACHE, ROOT, workingCopy, type Row, type Timing } from './lib';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LIST = '#/cases/households';
/** A light page to leave the list for between runs (no large queries of its own). */
const AWAY = '#/cases/standards';

function timingOf(xs: number[]): Timing {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
  return { median, min: s[0] ?? 0, max: s.at(-1) ?? 0, runs: s.length };
}

export function ensureRendererBuilt(): void {
  if (existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) return;
  console.log('building the renderer (out/renderer is missing) …');
  execFileSync('npm', ['run', 'build:renderer'], { cwd: ROOT, stdio: 'inherit' });
}

interface Sample {
  firstRows: number;
  middleRows: number;
  total: number;
}

export async function rendererBench(ledgerPath: string, runs: number): Promise<Row[]> {
  if (!existsSync(CHROMIUM)) {
    return [
      {
        what: 'renderer: household list (50,000 people) usable after navigation',
        target: '< 500 ms in Chromium',
        timing: null,
        value: 'not measured',
        ok: null,
        note: `no Chromium at ${CHROMIUM}`,
      },
    ];
  }
  ensureRendererBuilt();
  const copy = workingCopy(ledgerPath, 'renderer.ledger');
  const core = await startCore({ dbPath: copy });
  const host = await startHttpHost({ dispatcher: core.dispatcher, rendererDir: join(ROOT, 'out', 'renderer') });
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
  try {
    const people = core.ledger.raw.prepare('SELECT count(*) FROM people').pluck().get() as number;
    const households = core.ledger.raw.prepare('SELECT count(*) FROM households').pluck().get() as number;
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
    // tsx (esbuild keepNames) wraps named functions in __name(…); functions sent to the page need it there too.
    await context.addInitScript('globalThis.__name = (f) => f;');
    const page = await context.newPage();
    await page.goto(host.openUrl);
    await page.getByLabel('登录名').fill('clerk');
    await page.getByLabel('密码').fill(SEED_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();

    const once = async (): Promise<Sample> => {
      await page.evaluate((away) => {
        location.hash = away;
      }, AWAY);
      await page.waitForFunction(() => !document.querySelector('[data-testid="household-scroll"]'));
      await page.waitForTimeout(400); // let the light page settle: nothing of it is measured
      // Timed inside the page: a row counts once its data (the head's link) is in the DOM and a frame was painted.
      return page.evaluate(async (list): Promise<Sample> => {
        const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
        const until = async (ok: () => boolean, what: string): Promise<void> => {
          const limit = performance.now() + 60_000;
          while (!ok()) {
            if (performance.now() > limit) throw new Error(`timed out waiting for ${what}`);
            await frame();
          }
          await frame(); // painted
        };
        const scroller = (): HTMLElement | null => document.querySelector('[data-testid="household-scroll"]');
        const dataRows = (): HTMLElement[] =>
          [...(scroller()?.querySelectorAll<HTMLElement>('[role="row"][aria-rowindex]') ?? [])].filter(
            (r) => r.querySelector('a') !== null,
          );
        const inView = (r: HTMLElement, s: HTMLElement): boolean => {
          const a = r.getBoundingClientRect();
          const b = s.getBoundingClientRect();
          return a.bottom > b.top && a.top < b.bottom;
        };
        const t0 = performance.now();
        location.hash = list;
        await until(() => {
          const s = scroller();
          return s !== null && dataRows().some((r) => inView(r, s));
        }, 'the first rows');
        const t1 = performance.now();
        const s = scroller();
        if (!s) throw new Error('no list');
        const totalRows = Number(/共 (\d+) 户/.exec(document.body.innerText)?.[1] ?? 0);
        const middle = Math.floor(totalRows / 2);
        s.scrollTop = s.scrollHeight / 2;
        await until(
          () =>
            dataRows().some((r) => inView(r, s) && Math.abs(Number(r.getAttribute('aria-rowindex')) - middle) < 200),
          'rows in the middle',
        );
        const t2 = performance.now();
        return { firstRows: t1 - t0, middleRows: t2 - t1, total: t2 - t0 };
      }, LIST);
    };

    const cold = await once();
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) samples.push(await once());
    const first = timingOf(samples.map((s) => s.firstRows));
    const middle = timingOf(samples.map((s) => s.middleRows));
    const total = timingOf(samples.map((s) => s.total));
    const size = `${households} households, ${people} people`;
    return [
      {
        what: `renderer: household list (${size}) — navigation to first rows painted`,
        target: '< 500 ms in Chromium',
        timing: first,
        ok: first.median < 500,
        note: `cold first navigation: ${cold.firstRows.toFixed(0)} ms`,
      },
      {
        what: 'renderer: then scroll to the middle of the list -> rows painted',
        target: '—',
        timing: middle,
        ok: null,
        note: `cold: ${cold.middleRows.toFixed(0)} ms`,
      },
      {
        what: 'renderer: navigation + first rows + middle rows, together',
        target: '< 500 ms in Chromium',
        timing: total,
        ok: total.median < 500,
      },
    ];
  } finally {
    await browser.close();
    await host.close();
    await core.close();
    for (const s of ['', '-wal', '-shm', '.lock']) rmSync(copy + s, { force: true });
    rmSync(`${copy}.files`, { recursive: true, force: true });
  }
}

/** The large benchmark ledger already in .tmp/bench (newest of the 20,000-household size). */
export function existingLargeLedger(): string | null {
  if (!existsSync(CACHE)) return null;
  const found = readdirSync(CACHE)
    .filter((f) => /^ledger-.*-20000x10\.ledger$/.test(f))
    .map((f) => join(CACHE, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return found[0] ?? null;
}

if (process.argv[1] && /renderer\.ts$/.test(process.argv[1])) {
  const { benchLedger, printTable } = await import('./lib');
  const { ensureDivisions } = await import('../helpers/divisions');
  ensureDivisions();
  const at = process.argv.indexOf('--runs');
  const runs = at > 0 ? Number(process.argv[at + 1]) : 7;
  // Reuse whatever large ledger is cached (building one takes many minutes); build it only if there is none.
  const ledger = existingLargeLedger() ?? (await benchLedger(20_000, 10)).path;
  console.log(`ledger: ${ledger}`);
  printTable(await rendererBench(ledger, runs));
}
