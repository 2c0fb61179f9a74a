// The host side of 恢复 on the backup screen (desktop app and `serve`): after the request has been answered, stop the
// scheduled work, close the ledger, restore it from the verified backup (restoreLedger keeps the replaced ledger
// aside and journals the restore in the restored ledger as the administrator who asked), and open it again. If the
// restore fails, the ledger that was there is opened again unchanged and the reason is kept for the log.
import type { Core } from './core';
import { restoreLedger } from './ledger/backup';
import type { HostServices } from './ledger/kernel';

export interface RestorerOptions {
  dbPath: string;
  nativeBinding?: string | undefined;
  /** The core now serving the ledger. */
  current: () => Core;
  /** Opens the ledger again (same options as at start-up). */
  reopen: () => Promise<Core>;
  /** Before closing: stop the scheduler and anything else that uses the core. */
  beforeClose?: () => void;
  /** The reopened core takes over (the HTTP host's dispatcher, the scheduler …). */
  reopened: (core: Core) => void;
  log?: (message: string) => void;
}

export interface Restorer {
  restore: NonNullable<HostServices['restore']>;
  /** The running restore, for tests and for shutting down cleanly. */
  running(): Promise<void> | null;
  lastError(): string | null;
}

export function makeRestorer(options: RestorerOptions): Restorer {
  let running: Promise<void> | null = null;
  let lastError: string | null = null;
  const log = options.log ?? ((m: string) => process.stderr.write(`[civil-ledger] ${m}\n`));
  async function run(request: Parameters<Restorer['restore']>[0]): Promise<void> {
    // Let the answer to the request reach the page before the ledger closes.
    await new Promise((r) => setTimeout(r, 150));
    options.beforeClose?.();
    await options.current().close();
    try {
      const r = await restoreLedger({
        from: request.from,
        db: options.dbPath,
        reason: request.reason,
        by: request.by,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      });
      lastError = null;
      log(`已从备份恢复台账：${request.from}${r.replacedKeptAt ? `；原台账另存为 ${r.replacedKeptAt}` : ''}`);
    } catch (e) {
      lastError = (e as Error).message;
      log(`从备份恢复失败，原台账未改动：${lastError}`);
    }
    options.reopened(await options.reopen());
  }
  return {
    restore: (request) => {
      if (running) return;
      running = run(request).finally(() => {
        running = null;
      });
    },
    running: () => running,
    lastError: () => lastError,
  };
}
