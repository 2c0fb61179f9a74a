#!/usr/bin/env node
// `npm start`: build the app (electron-vite), make sure the Electron binary is there (downloading it if needed), make
// sure a better-sqlite3 built for Electron exists in its own cache folder, then launch Electron with that binary as
// the core's `nativeBinding` — node_modules/better-sqlite3 stays the Node build the tests and the CLI use.
// The first launch creates the ledger in the user data folder and the window shows the set-up wizard.
import { spawn } from 'node:child_process';
import { buildApp, ensureElectronBinary, ensureElectronSqlite, root } from './electron-native.mjs';

buildApp();
const electron = ensureElectronBinary();
const binding = await ensureElectronSqlite();

const env = { ...process.env, CIVIL_LEDGER_NATIVE_BINDING: binding };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron, [root, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
child.on('exit', (code, signal) => {
  process.exitCode = signal ? 1 : (code ?? 0);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
