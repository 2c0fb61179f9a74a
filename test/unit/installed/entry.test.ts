// The installed app has one executable. Started with a command it runs the command line headless (no window) and
// exits with the command's code; started without one it opens the desktop window. src/main/electron/main.ts hands
// process.argv to runEntry, so this is the same module the packaged app runs, minus the Electron binary.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/main/cli/command';
import { cliArgvOf, runEntry } from '../../../src/main/cli/entry';
import { ensureDivisions } from '../../helpers/divisions';

const root = join(__dirname, '../../..');
let dir: string;
let ledger: string;

beforeAll(() => {
  ensureDivisions();
  dir = mkdtempSync(join(tmpdir(), 'civil-ledger-entry-'));
  ledger = join(dir, '城东街道.ledger');
  copyFileSync(join(root, 'test/fixtures/ledgers/v0.1.0.ledger'), ledger);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): CliIO & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (t) => void out_.push(t), err: (t) => void err_.push(t), askSecret: async () => null };
}

describe('which mode the executable starts in', () => {
  const exe = 'C:\\Program Files\\乡镇民政台账\\civil-ledger.exe';
  it('opens the window when started without arguments (a double-click)', () => {
    expect(cliArgvOf([exe], true)).toBeNull();
  });
  it('runs a command given to the packaged executable', () => {
    expect(cliArgvOf([exe, 'report', '--db', 'a.ledger', '--month', '2026-11'], true)).toEqual([
      'report',
      '--db',
      'a.ledger',
      '--month',
      '2026-11',
    ]);
  });
  it('skips the switches an AppImage launcher puts first', () => {
    expect(cliArgvOf(['/tmp/.mount/civil-ledger', '--no-sandbox', 'check', '--db', 'x'], true)).toEqual([
      'check',
      '--db',
      'x',
    ]);
  });
  it('in development the app path comes before the command', () => {
    expect(cliArgvOf(['/usr/lib/electron', '/work/civil-ledger', 'backup', '--db', 'x'], false)).toEqual([
      'backup',
      '--db',
      'x',
    ]);
    expect(cliArgvOf(['/usr/lib/electron', '/work/civil-ledger'], false)).toBeNull();
  });
  it('knows the two-word commands', () => {
    expect(cliArgvOf([exe, 'exchange', 'import', '--db', 'a.ledger'], true)).toEqual([
      'exchange',
      'import',
      '--db',
      'a.ledger',
    ]);
    expect(cliArgvOf([exe, 'exchange', 'nonsense'], true)).toBeNull();
  });
  it('a word that is not a command opens the window rather than failing', () => {
    expect(cliArgvOf([exe, 'D:\\台账\\城东街道.ledger'], true)).toBeNull();
  });
});

describe('the executable in command-line mode', () => {
  it('runs `check` headless and exits 0 without opening a window', async () => {
    let windows = 0;
    const io = capture();
    const code = await runEntry({
      argv: ['/opt/乡镇民政台账/civil-ledger', 'check', '--db', ledger],
      packaged: true,
      desktop: () => void windows++,
      io,
    });
    expect(windows).toBe(0);
    expect(code).toBe(0);
    expect(io.out_.join('\n')).toMatch(/✓ 数据库完整性：正常/);
  });

  it('a wrong command line exits 2 with the usage in Chinese', async () => {
    const io = capture();
    const code = await runEntry({
      argv: ['/opt/乡镇民政台账/civil-ledger', 'report', '--db', ledger, '--mnth', '2026-11'],
      packaged: true,
      desktop: () => {
        throw new Error('no window in CLI mode');
      },
      io,
    });
    expect(code).toBe(2);
    expect(io.err_.join('\n')).toMatch(/参数错误/);
  });

  it('without a command it starts the desktop app', async () => {
    let windows = 0;
    const code = await runEntry({
      argv: ['/opt/乡镇民政台账/civil-ledger'],
      packaged: true,
      desktop: () => void windows++,
    });
    expect(code).toBeNull();
    expect(windows).toBe(1);
  });
});

describe('npm run build:cli', () => {
  it('bundles the command line, and the bundle runs `check` on a real ledger', () => {
    const out = join(root, '.tmp', `cli-build-${process.pid}`, 'cli');
    try {
      const build = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--outdir', out], {
        encoding: 'utf8',
      });
      expect(build.status, build.stderr).toBe(0);
      const run = spawnSync(process.execPath, [join(out, 'index.js'), 'check', '--db', ledger], { encoding: 'utf8' });
      expect(run.stdout).toMatch(/✓ 操作日志链/);
      expect(run.status, run.stderr).toBe(0);
      // A wrapper that imports the bundle and calls main (as bin/civil-ledger.js does) runs the command once.
      const wrapper = join(out, 'civil-ledger.js');
      writeFileSync(
        wrapper,
        `const { main } = await import(${JSON.stringify(pathToFileURL(join(out, 'index.js')).href)});\n` +
          'process.exitCode = await main(process.argv.slice(2));\n',
      );
      const wrapped = spawnSync(process.execPath, [wrapper, 'check', '--db', ledger], { encoding: 'utf8' });
      expect(wrapped.status, wrapped.stderr).toBe(0);
      expect(wrapped.stdout.match(/✓ 操作日志链/g)).toHaveLength(1);
    } finally {
      rmSync(join(out, '..'), { recursive: true, force: true });
    }
  });
});
