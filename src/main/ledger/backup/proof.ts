// Where journal anchors are found for one ledger: the app's two anchor files, the manifest of every backup in the
// ledger's backup folder and in the second backup folder, and the manifest of every report package beside the
// ledger. `check`, restore and every new backup compare the journal with all of them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { dataDirFor } from '../../paths';
import { readAnchorFiles, type FoundAnchor, type JournalHead } from '../journal';
import { BACKUP_KINDS, backupsRootFor, describeBackupFile, secondTreeFor } from './listing';

function isHead(h: unknown): h is JournalHead {
  const x = h as Partial<JournalHead>;
  return typeof x === 'object' && x !== null && Number.isInteger(x.seq) && typeof x.hash === 'string';
}

function backupAnchors(root: string, label: string, exclude: string | null): FoundAnchor[] {
  const out: FoundAnchor[] = [];
  for (const kind of BACKUP_KINDS) {
    const dir = join(root, kind);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (!name.endsWith('.ledger') || (exclude && resolve(path) === exclude)) continue;
      try {
        const e = describeBackupFile(path, kind);
        if (e.journalHead && isHead(e.journalHead) && (e.proof === 'embedded' || e.proof === 'sidecar')) {
          out.push({ ...e.journalHead, at: e.at, source: 'backup', note: name, origin: label });
        }
      } catch {
        // unreadable backups are reported by the backup list, not here
      }
    }
  }
  return out;
}

/** Report packages: <dataDir>/reports/<month>/*.zip, each with a manifest.json carrying the journal head. */
function packageAnchors(dataDir: string): FoundAnchor[] {
  const root = join(dataDir, 'reports');
  if (!existsSync(root)) return [];
  const out: FoundAnchor[] = [];
  for (const month of readdirSync(root)) {
    const dir = join(root, month);
    try {
      if (!statSync(dir).isDirectory()) continue;
      for (const name of readdirSync(dir)) {
        if (!name.endsWith('.zip')) continue;
        try {
          const files = unzipSync(readFileSync(join(dir, name)), { filter: (f) => f.name === 'manifest.json' });
          const m = JSON.parse(Buffer.from(files['manifest.json'] ?? []).toString('utf8')) as {
            journalHead?: unknown;
            generatedAt?: string;
          };
          if (isHead(m.journalHead)) {
            out.push({
              ...m.journalHead,
              at: m.generatedAt ?? '',
              source: 'report',
              note: name,
              origin: '月报包',
            });
          }
        } catch {
          // a damaged package is reported by the reports page
        }
      }
    } catch {
      // removed while listing
    }
  }
  return out;
}

export interface CollectOptions {
  secondDir?: string | null;
  /** A file not to count (the backup being restored must not vouch for itself). */
  exclude?: string | null;
}

export function collectAnchors(ledgerPath: string, options: CollectOptions = {}): FoundAnchor[] {
  const exclude = options.exclude ? resolve(options.exclude) : null;
  return [
    ...readAnchorFiles(ledgerPath),
    ...backupAnchors(backupsRootFor(ledgerPath), '备份', exclude),
    ...(options.secondDir
      ? backupAnchors(secondTreeFor(options.secondDir, ledgerPath), '第二备份位置的备份', exclude)
      : []),
    ...packageAnchors(dataDirFor(ledgerPath)),
  ];
}
