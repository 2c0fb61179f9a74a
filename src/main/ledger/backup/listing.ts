// Where backups live and how one is listed: the folder tree (<ledger>.files/backups/{auto,before,manual}/ and the
// same tree in the second folder) and each file's facts read from its proof without hashing it. Used by backups,
// restore and the anchor search (proof.ts), which therefore need not import the backup writer.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { dataDirFor } from '../../paths';
import type { JournalHead } from '../journal';
import { readProof, type BackupKind, type BackupManifest } from './container';
import { readJsonFile } from './files';

export const BACKUP_KINDS: BackupKind[] = ['auto', 'before', 'manual'];
/** The sidecar of a backup made before the one-file form. */
export const MANIFEST_SUFFIX = '.manifest.json';
/** A backup time further in the future than this is suspect (the computer's clock was once wrong). */
export const FUTURE_TOLERANCE_MS = 10 * 60_000;
export function backupsRootFor(ledgerPath: string): string {
  return join(dataDirFor(ledgerPath), 'backups');
}

export function ledgerStem(ledgerPath: string): string {
  const b = basename(ledgerPath);
  return extname(b) ? b.slice(0, -extname(b).length) : b;
}

/** The second folder's tree for one ledger (where runBackup copies to). */
export function secondTreeFor(secondDir: string, ledgerPath: string): string {
  return join(secondDir, 'civil-ledger-backups', ledgerStem(ledgerPath));
}

export type ProofKind = 'embedded' | 'sidecar' | 'none' | 'damaged';

export interface BackupEntry {
  name: string;
  path: string;
  kind: BackupKind;
  at: string;
  bytes: number;
  reason: string | null;
  /** Where its proof is: inside the file (one-file form), a sidecar manifest (older form), none, or damaged. */
  proof: ProofKind;
  /** What is wrong with the proof, when proof is 'damaged' or a cut-off one-file backup shows as 'none'. */
  problem: string | null;
  /** Backup sequence number; 0 for backups made before sequence numbers. */
  seq: number;
  journalHead: JournalHead | null;
  /** Its time lies in the future of `now`: the clock was wrong when it was made (or is wrong now). */
  suspectTime: boolean;
  by: string | null;
  /** Kept for callers of the old shape: some manifest is present. */
  hasManifest: boolean;
}

/** Reads one backup file's proof without hashing the whole file (listing); restore/verify does the full check. */
export function describeBackupFile(path: string, kind: BackupKind, now: Date = new Date()): BackupEntry {
  const st = statSync(path);
  let proof: ProofKind = 'none';
  let problem: string | null = null;
  let manifest: BackupManifest | null = null;
  try {
    const p = readProof(path);
    if (p.kind === 'embedded') {
      proof = 'embedded';
      manifest = p.manifest;
    } else if (p.kind === 'damaged') {
      proof = 'damaged';
      problem = p.problem;
    } else {
      problem = p.problem;
      const side = readJsonFile<BackupManifest>(`${path}${MANIFEST_SUFFIX}`);
      if (side && typeof side.sha256 === 'string') {
        proof = 'sidecar';
        manifest = side;
      }
    }
  } catch (e) {
    proof = 'damaged';
    problem = `无法读取：${(e as Error).message}`;
  }
  const at = manifest?.at ?? st.mtime.toISOString();
  const t = Date.parse(at);
  return {
    name: basename(path),
    path,
    kind,
    at,
    bytes: st.size,
    reason: manifest?.reason ?? null,
    proof,
    problem,
    seq: Number.isInteger(manifest?.seq) ? (manifest!.seq as number) : 0,
    journalHead: manifest?.journalHead ?? null,
    suspectTime: Number.isFinite(t) && t > now.getTime() + FUTURE_TOLERANCE_MS,
    by: manifest?.by ?? null,
    hasManifest: manifest !== null,
  };
}

/** Newest first: by sequence number (a clock set wrong cannot spoil it), then by time. */
export function newestFirst(a: BackupEntry, b: BackupEntry): number {
  return b.seq - a.seq || b.at.localeCompare(a.at) || b.name.localeCompare(a.name);
}

/** Backups in one kind's folder, newest first. */
export function listBackupsIn(dir: string, kind: BackupKind, now: Date = new Date()): BackupEntry[] {
  if (!existsSync(dir)) return [];
  const out: BackupEntry[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.ledger')) continue;
    try {
      out.push(describeBackupFile(join(dir, name), kind, now));
    } catch {
      // removed while listing
    }
  }
  return out.sort(newestFirst);
}

export function listBackups(ledgerPath: string, now: Date = new Date()): BackupEntry[] {
  const root = backupsRootFor(ledgerPath);
  return BACKUP_KINDS.flatMap((k) => listBackupsIn(join(root, k), k, now)).sort(newestFirst);
}
