// Shared by scripts/start.mjs and test/electron/smoke.mjs: the Electron binary, and a better-sqlite3 built for
// Electron's ABI kept in its own cache folder — so node_modules/better-sqlite3 stays the Node build the tests use
// (the two runtimes cannot share one native binary on Node 20; see STYLE.md).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

export function electronVersion() {
  return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
}

/** The Electron executable when it has been downloaded, else null. */
export function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile) || !existsSync(join(electronDir, 'dist'))) return null;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

/**
 * Downloads the Electron binary if it is missing (electron's own install script). On failure: exits with a clear
 * message, or with `{ optional: true }` returns null after one line (npm start then runs the browser host instead).
 */
export function ensureElectronBinary({ optional = false } = {}) {
  const have = electronBinary();
  if (have) return have;
  console.log(`正在下载 Electron ${electronVersion()} …（Downloading Electron ${electronVersion()} …）`);
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  // Optional (npm start): the download's own error output is left out; one line below says what happened.
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    env,
    stdio: optional ? ['ignore', 'inherit', 'ignore'] : 'inherit',
  });
  const bin = electronBinary();
  if ((r.status !== 0 || !bin) && optional) {
    console.error('无法下载 Electron 程序（没有互联网连接或下载地址不可达；可设置 ELECTRON_MIRROR）。');
    return null;
  }
  if (r.status !== 0 || !bin) {
    console.error(
      [
        '',
        '无法下载 Electron 程序，桌面版不能在这台电脑上启动。',
        '可能原因：没有互联网连接，或无法访问 Electron 的下载地址（可设置环境变量 ELECTRON_MIRROR 使用国内镜像，',
        '例如 ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ ）。',
        '不需要 Electron 也能使用：npm run serve 在本机浏览器中打开台账。',
        '',
        'Could not download the Electron binary, so the desktop app cannot start here.',
        'Check the internet connection or set ELECTRON_MIRROR; `npm run serve` runs the app in a local browser instead.',
      ].join('\n'),
    );
    process.exit(1);
  }
  return bin;
}

/**
 * Path of a better_sqlite3.node built for this Electron, building it on first use in
 * node_modules/.cache/civil-ledger-electron/ from a COPY of node_modules/better-sqlite3 with @electron/rebuild
 * (needs internet once, for Electron's headers or a prebuilt binary).
 */
export async function ensureElectronSqlite({ optional = false } = {}) {
  const ev = electronVersion();
  const bs = JSON.parse(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version;
  const cacheDir = join(root, 'node_modules', '.cache', 'civil-ledger-electron', `better-sqlite3-${bs}-electron-${ev}-${process.platform}-${process.arch}`);
  const binding = join(cacheDir, 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log(`正在为 Electron ${ev} 编译 better-sqlite3 ${bs}（只需一次）…`);
  const work = join(cacheDir, 'work');
  rmSync(work, { recursive: true, force: true });
  const moduleCopy = join(work, 'node_modules', 'better-sqlite3');
  mkdirSync(dirname(moduleCopy), { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), moduleCopy, {
    recursive: true,
    filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
  });
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'electron-native-cache', private: true, dependencies: { 'better-sqlite3': bs } }));
  try {
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: work, electronVersion: ev, onlyModules: ['better-sqlite3'], force: true, arch: process.arch });
  } catch (e) {
    if (optional) {
      console.error(`无法为 Electron ${ev} 编译 better-sqlite3（${e?.message ?? e}）。`);
      return null;
    }
    console.error(
      [
        '',
        `无法为 Electron ${ev} 编译 better-sqlite3：${e?.message ?? e}`,
        '编译需要联网下载 Electron 头文件（或预编译包），并需要 C++ 编译环境（Windows：VS Build Tools；Linux：build-essential、python3）。',
        `Could not build better-sqlite3 for Electron ${ev}: needs internet (Electron headers) and a C++ toolchain.`,
      ].join('\n'),
    );
    process.exit(1);
  }
  const built = join(moduleCopy, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) {
    console.error(`编译完成但找不到 ${built}（Build finished but the binary is missing）`);
    process.exit(1);
  }
  copyFileSync(built, binding);
  rmSync(work, { recursive: true, force: true });
  return binding;
}

/** Runs electron-vite build (main, preload, renderer) after the division-code slice. */
export function buildApp() {
  for (const args of [
    [join(root, 'scripts', 'build-divisions.mjs')],
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
  ]) {
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error('构建失败（build failed）');
      process.exit(r.status ?? 1);
    }
  }
}
