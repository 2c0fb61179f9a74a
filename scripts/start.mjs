#!/usr/bin/env node
// `npm start`: build the app (electron-vite), make sure the Electron binary is there (downloading it if needed), make
// sure a better-sqlite3 built for Electron exists in its own cache folder, then launch Electron with that binary as
// the core's `nativeBinding` — node_modules/better-sqlite3 stays the Node build the tests and the CLI use.
// The first launch creates the ledger in the user data folder and the window shows the set-up wizard.
//
// Where Electron cannot be had (no internet, a blocked mirror), `npm start` still starts the product: it says so in
// one line and runs the same app in the local browser host on the same default ledger, printing the address and
// opening a browser where one exists.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildApp, ensureElectronBinary, ensureElectronSqlite, root } from './electron-native.mjs';

buildApp();
const electron = ensureElectronBinary({ optional: true });
const binding = electron ? await ensureElectronSqlite({ optional: true }) : null;

if (electron && binding) {
  const env = { ...process.env, CIVIL_LEDGER_NATIVE_BINDING: binding };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, [root, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    process.exitCode = signal ? 1 : (code ?? 0);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
} else {
  console.log('桌面版无法在这台电脑上启动，改为在本机浏览器中打开同一程序（默认台账，仅本机可访问）。');
  startBrowserHost();
}

/** `civil-ledger serve --create` on the default ledger; opens the printed address in a browser when there is one. */
function startBrowserHost() {
  const cli = join(root, 'src', 'main', 'cli', 'index.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--create', ...process.argv.slice(2)], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let opened = false;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text) => {
    process.stdout.write(text);
    const url = /https?:\/\/127\.0\.0\.1:\d+\/\S*/.exec(text)?.[0];
    if (url && !opened) {
      opened = true;
      openBrowser(url);
    }
  });
  child.on('exit', (code, signal) => {
    process.exitCode = signal ? 1 : (code ?? 0);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

function openBrowser(url) {
  const [cmd, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ['xdg-open', [url]]
          : [null, []];
  if (!cmd) return; // no desktop here: the address printed above is what to open
  const b = spawn(cmd, args, { stdio: 'ignore', detached: true });
  b.on('error', () => {}); // no browser launcher installed: the printed address is enough
  b.unref();
}
