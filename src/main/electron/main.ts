// The thin Electron shell: app lifecycle, one instance, one hardened window, the app:// scheme serving the built
// renderer with our CSP, the IPC adapter, the scheduler, and a backup on close. Everything else is the core, which
// runs and is tested without Electron. Security choices follow Electron's security checklist; the decisions that
// can be unit-tested live in policy.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, protocol, screen, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { runEntry } from '../cli/entry';
import { startCore, type Core } from '../core';
import { backupOnClose, backupsRootFor } from '../ledger/backup';
import { defaultLedgerPath, defaultResourcesDir, userDataDir } from '../paths';
import { registerLedgerIpc } from './ipc';
import { buildMenu } from './menu';
import { APP_ENTRY_URL, APP_SCHEME, isAllowedExternalUrl, isAllowedNavigation, MIME, resolveAppFile } from './policy';
import {
  electronFingerprintMatches,
  isAllowedOfficeRequest,
  parseConnectArgs,
  type OfficeConnection,
} from '../network/clientPolicy';
import { OfficeNetwork } from '../network/controller';
import { makeRestorer } from '../restorer';
import { startScheduler, type Scheduler } from '../scheduler';
import { DEFAULT_SIZE, loadWindowState, MIN_SIZE, saveWindowState } from './windowState';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, '..', 'preload', 'index.cjs');

// Same data folder as the CLI's default (paths.ts), so `civil-ledger` finds the app's ledger.
app.setPath('userData', userDataDir());
app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let core: Core | null = null;
let scheduler: Scheduler | null = null;
let mainWindow: BrowserWindow | null = null;
let shuttingDown = false;

function log(message: string): void {
  process.stderr.write(`[civil-ledger] ${message}\n`);
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  // Nothing is fetched from the network: only our own scheme, inline data/blob (images, fonts) and devtools.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const ok = /^(app:\/\/|data:|blob:|devtools:\/\/)/.test(details.url);
    callback({ cancel: !ok });
  });
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('', { status: 404 });
    }
  });
}

function guardContents(allowed: (url: string) => boolean = isAllowedNavigation): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!allowed(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!allowed(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function windowStateFile(): string {
  return join(app.getPath('userData'), 'window-state.json');
}

function createWindow(resourcesDir: string): BrowserWindow {
  const saved = loadWindowState(
    windowStateFile(),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...(saved ? saved.bounds : DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    // The page sets「<街道/乡镇名称> · 乡镇民政台账」once the ledger is open (App.tsx).
    title: '乡镇民政台账',
    icon: join(resourcesDir, 'icons', 'icon.png'),
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  if (saved?.maximized) win.maximize();
  win.on('close', () => {
    saveWindowState(windowStateFile(), { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

async function start(): Promise<void> {
  const dbPath = process.env.CIVIL_LEDGER_DB ?? defaultLedgerPath();
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : defaultResourcesDir();
  const nativeBinding = process.env.CIVIL_LEDGER_NATIVE_BINDING || undefined;
  // 局域网共享: this PC serves the office ledger to the other clerks when an administrator switched it on.
  const network = new OfficeNetwork({ rendererDir });
  // 恢复 on the backup screen: close, restore, reopen behind the same IPC handler, and reload the window (login).
  const restorer = makeRestorer({
    dbPath,
    nativeBinding,
    current: () => core!,
    reopen: () => startCore({ dbPath, resourcesDir, nativeBinding, network, restore: restorer.restore }),
    beforeClose: () => scheduler?.stop(),
    reopened: (c) => {
      core = c;
      scheduler = startScheduler(c, { report: log });
      mainWindow?.reload();
    },
    log,
  });
  try {
    // First launch: the ledger file is created empty and the page shows the set-up wizard (setup.status).
    core = await startCore({ dbPath, create: true, resourcesDir, nativeBinding, network, restore: restorer.restore });
  } catch (e) {
    dialog.showErrorBox('无法打开台账', (e as Error).message);
    app.exit(1);
    return;
  }
  hardenSession();
  guardContents();
  registerLedgerIpc({ dispatch: (req) => core!.dispatcher.dispatch(req) });
  Menu.setApplicationMenu(
    buildMenu({ backupsDir: backupsRootFor(dbPath), ledgerPath: dbPath, window: () => mainWindow }),
  );
  mainWindow = createWindow(resourcesDir);
  scheduler = startScheduler(core, { report: log });
}

async function shutdown(): Promise<void> {
  scheduler?.stop();
  if (!core) return;
  try {
    const r = await backupOnClose(core.ledger);
    for (const w of r.warnings) log(w);
  } catch (e) {
    log(`关闭时的自动备份失败：${(e as Error).message}`);
  }
  await core.close();
  core = null;
}

/**
 * 连接办公室台账: this PC keeps no ledger; the window shows the main PC's ledger over HTTPS. Only the pinned host and
 * certificate are accepted, the session lives in memory (nothing of the ledger is written to this disk), no preload.
 */
async function startOfficeClient(office: OfficeConnection): Promise<void> {
  const ses = session.fromPartition('office-client'); // no "persist:" prefix: in memory only
  const host = new URL(office.origin).hostname;
  ses.setCertificateVerifyProc((request, callback) => {
    callback(
      request.hostname === host && electronFingerprintMatches(request.certificate.fingerprint, office.fingerprint)
        ? 0
        : -2,
    );
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedOfficeRequest(details.url, office.origin) }),
  );
  guardContents((url) => isAllowedOfficeRequest(url, office.origin) && !/^(data|blob):/.test(url));
  Menu.setApplicationMenu(null);
  const win = new BrowserWindow({
    ...DEFAULT_SIZE,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: `乡镇民政台账（办公室台账 ${new URL(office.origin).host}）`,
    webPreferences: {
      session: ses,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: !app.isPackaged,
    },
  });
  mainWindow = win;
  win.webContents.on('did-fail-load', (_e, _code, description) => {
    void dialog.showMessageBox(win, {
      type: 'error',
      title: '无法连接办公室台账',
      message: `无法连接 ${office.origin}：${description}`,
      detail:
        '请确认主机已开机并开启“局域网共享”，并核对证书指纹是否与主机“设置 → 局域网共享”页一致。证书不一致时本机拒绝连接。',
    });
  });
  await win.loadURL(`${office.origin}/`);
}

function officeConnection(): OfficeConnection | null {
  const file = join(app.getPath('userData'), 'office-client.json');
  const fromArgs = parseConnectArgs(process.argv);
  if (fromArgs && 'error' in fromArgs) {
    dialog.showErrorBox('连接办公室台账', fromArgs.error);
    app.exit(2);
    return null;
  }
  if (fromArgs) {
    // Remembered: the next start connects to the same host with the same pin.
    writeFileSync(file, JSON.stringify(fromArgs));
    return fromArgs;
  }
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as OfficeConnection;
    const checked = parseConnectArgs(['--connect', saved.origin, '--fingerprint', saved.fingerprint]);
    return checked && !('error' in checked) ? checked : null;
  } catch {
    return null;
  }
}

function startDesktop(): void {
  const office = process.argv.includes('--local') ? null : officeConnection();
  if (office) {
    app.on('window-all-closed', () => app.quit());
    app.whenReady().then(
      () => startOfficeClient(office),
      (e: unknown) => {
        log(`启动失败：${(e as Error).message}`);
        app.exit(1);
      },
    );
    return;
  }
  if (!app.requestSingleInstanceLock()) {
    // Another window of the app is already open: it is brought to the front (second-instance below) and we leave.
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (shuttingDown || !core) return;
    event.preventDefault();
    shuttingDown = true;
    void shutdown().finally(() => app.quit());
  });
  app.whenReady().then(start, (e: unknown) => {
    log(`启动失败：${(e as Error).message}`);
    app.exit(1);
  });
}

// Started with a command (`civil-ledger report …`), the same executable runs the command line headless — no window,
// no single-instance lock (a scheduled report runs while the clerk has the app open) — and exits with its code.
void runEntry({ argv: process.argv, packaged: app.isPackaged, desktop: startDesktop }).then(
  (code) => {
    if (code !== null) app.exit(code);
  },
  (e: unknown) => {
    log(`命令失败：${(e as Error).message}`);
    app.exit(1);
  },
);
