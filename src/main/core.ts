// The core as a host sees it: one open ledger, its sessions and its dispatcher. Used by the Electron shell, the
// loopback HTTP host, the CLI and the tests alike.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createDispatcher, type CoreDispatcher } from './api/dispatcher';
import { SessionStore } from './api/sessions';
import { acquireLedgerLock, rememberNativeBinding } from './ledger/backup';
import { openLedger, type Ledger } from './ledger/db';
import { getSetting } from './ledger/settings';
import { readNetworkSettings } from './ledger/network';
import type { OfficeNetwork } from './network/controller';
import type { HostServices } from './ledger/kernel';
import { sessionFile } from './network/sessionFile';
import { dataDirFor, defaultResourcesDir } from './paths';

export interface Core {
  ledger: Ledger;
  sessions: SessionStore;
  dispatcher: CoreDispatcher;
  dataDir: string;
  resourcesDir: string;
  close(): Promise<void>;
}

export interface StartCoreOptions {
  dbPath: string;
  create?: boolean;
  resourcesDir?: string;
  nativeBinding?: string;
  now?: () => Date;
  logError?: (method: string, error: unknown) => void;
  /** 局域网共享: the office host this process can run (desktop app, `serve`); sessions then survive a restart. */
  network?: OfficeNetwork;
  /** 恢复 from the backup screen: how this process closes, restores and reopens its ledger (src/main/restorer.ts). */
  restore?: HostServices['restore'];
}

export async function startCore(options: StartCoreOptions): Promise<Core> {
  if (options.create) mkdirSync(dirname(options.dbPath), { recursive: true });
  // A second program on the same ledger is refused politely (backup/lock.ts); a lock left by a crash is taken over.
  // (A missing ledger without `create` gets openLedger's own message instead.)
  const lock = options.create || existsSync(options.dbPath) ? acquireLedgerLock(options.dbPath) : null;
  let ledger: Ledger;
  try {
    ledger = await openLedger(options.dbPath, {
      create: options.create ?? false,
      nativeBinding: options.nativeBinding,
    });
  } catch (e) {
    lock?.release();
    throw e;
  }
  // Backups read through a second connection, which must load the same native build (Electron vs Node).
  rememberNativeBinding(ledger, options.nativeBinding);
  const idleMinutes = await getSetting<number>(ledger.db, 'security.idleMinutes', 15);
  const sessions = new SessionStore(
    idleMinutes * 60 * 1000,
    Date.now,
    options.network ? sessionFile(join(dataDirFor(options.dbPath), 'network', 'sessions.json')) : null,
  );
  const resourcesDir = options.resourcesDir ?? defaultResourcesDir();
  const dataDir = dataDirFor(options.dbPath);
  const dispatcher = createDispatcher({
    ledger,
    host: {
      sessions,
      dataDir,
      resourcesDir,
      ...(options.network ? { network: options.network } : {}),
      ...(options.restore ? { restore: options.restore } : {}),
    },
    ...(options.now ? { now: options.now } : {}),
    logError:
      options.logError ??
      ((method, e) => {
        // Only the method and the error's class and stack: never the input, which may hold personal data.
        const err = e instanceof Error ? `${e.name}: ${e.stack?.split('\n').slice(1, 4).join(' | ')}` : typeof e;
        process.stderr.write(`[civil-ledger] ${method} 内部错误 ${err}\n`);
      }),
  });
  options.network?.attach(dispatcher, sessions, dataDir);
  if (options.network) await options.network.startFrom(await readNetworkSettings(ledger.db));
  return {
    ledger,
    sessions,
    dispatcher,
    dataDir,
    resourcesDir,
    close: async () => {
      try {
        await options.network?.stop();
        await ledger.close();
      } finally {
        lock?.release();
      }
    },
  };
}
