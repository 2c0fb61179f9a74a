// Journal anchors (日志锚点). The hash chain shows that no entry in the middle was changed, but it cannot see its
// own tail: delete the last entries (or rewrite one and recompute the hashes after it) and the chain still holds.
// So the journal head (sequence number and hash) is written down OUTSIDE the ledger file — in every backup's
// manifest, in every report package's manifest, and in two small anchor files kept by the app:
//   <ledger>.files/journal-anchors.json                     beside the ledger (travels with its folder)
//   <user data folder>/anchors/<key of the ledger path>.json the app's own settings, apart from the ledger's folder
// `check` (and restore, and every backup) compares the chain with every anchor it can find: the entry at the
// anchor's sequence must still exist and carry the anchor's hash. A restore starts a new line after the restored
// point; anchors of the replaced line beyond it are set aside by the restore's own anchor, which is itself checked.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../db';
import { dataDirFor, userDataDir } from '../../paths';
import { writeFileAtomic } from '../kernel';
import { GENESIS_HASH } from './journal';

export interface JournalHead {
  /** Sequence number of the last entry (0: empty journal). */
  seq: number;
  hash: string;
  /** Hash of the journal's first entry: which ledger the head belongs to (a ledger made anew at the same path has
   * another). Absent in anchors written before it was recorded. */
  first?: string;
}

export type AnchorSource = 'backup' | 'restore' | 'report' | 'close';

export interface JournalAnchor extends JournalHead {
  at: string;
  source: AnchorSource;
  /** Which file or event recorded it (a backup's path, a package's name). */
  note: string;
}

/** An anchor and where it was found, for messages. */
export interface FoundAnchor extends JournalAnchor {
  origin: string;
}

/** How many anchors an anchor file keeps (newest). */
export const ANCHORS_KEPT = 200;

export function journalHead(raw: Database.Database): JournalHead {
  const row = raw.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const first = raw.prepare('SELECT hash FROM journal ORDER BY seq LIMIT 1').pluck().get() as string | undefined;
  return row ? { seq: row.seq, hash: row.hash, ...(first ? { first } : {}) } : { seq: 0, hash: GENESIS_HASH };
}

/**
 * The journal head through kysely — for a report package's manifest (reports/package.ts). Inside a write
 * transaction it includes that transaction's own entries; the package is written by the same transaction.
 */
export async function journalHeadOf(db: Kysely<DB>): Promise<JournalHead> {
  const row = await db.selectFrom('journal').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const first = await db.selectFrom('journal').select('hash').orderBy('seq').limit(1).executeTakeFirst();
  return row
    ? { seq: row.seq, hash: row.hash, ...(first ? { first: first.hash } : {}) }
    : { seq: 0, hash: GENESIS_HASH };
}

/** The app's anchor folder (CIVIL_LEDGER_ANCHORS_DIR overrides it, e.g. for tests). */
export function appAnchorsDir(): string {
  return process.env.CIVIL_LEDGER_ANCHORS_DIR ?? join(userDataDir(), 'anchors');
}

export function anchorFilesFor(ledgerPath: string): { path: string; label: string }[] {
  const key = createHash('sha256').update(resolve(ledgerPath)).digest('hex').slice(0, 16);
  return [
    { path: join(dataDirFor(ledgerPath), 'journal-anchors.json'), label: '台账文件夹中的日志锚点' },
    { path: join(appAnchorsDir(), `${key}.json`), label: '本机软件设置中的日志锚点' },
  ];
}

interface AnchorFile {
  app: 'civil-ledger';
  ledger: string;
  anchors: JournalAnchor[];
}

function isAnchor(a: unknown): a is JournalAnchor {
  const x = a as Partial<JournalAnchor>;
  return (
    typeof x === 'object' &&
    x !== null &&
    Number.isInteger(x.seq) &&
    typeof x.hash === 'string' &&
    typeof x.at === 'string' &&
    typeof x.source === 'string'
  );
}

function readAnchorFile(path: string): JournalAnchor[] {
  try {
    const f = JSON.parse(readFileSync(path, 'utf8')) as Partial<AnchorFile>;
    return Array.isArray(f.anchors) ? f.anchors.filter(isAnchor) : [];
  } catch {
    return [];
  }
}

/** Anchors from the app's two anchor files. */
export function readAnchorFiles(ledgerPath: string): FoundAnchor[] {
  return anchorFilesFor(ledgerPath).flatMap((f) =>
    existsSync(f.path) ? readAnchorFile(f.path).map((a) => ({ ...a, origin: f.label })) : [],
  );
}

/**
 * Writes an anchor into both anchor files. Call it only for a committed head. Returns problems instead of throwing:
 * a missing anchor weakens later checks but must not fail the backup that recorded it.
 */
export function recordAnchor(ledgerPath: string, anchor: JournalAnchor): string[] {
  const problems: string[] = [];
  for (const f of anchorFilesFor(ledgerPath)) {
    try {
      const anchors = existsSync(f.path) ? readAnchorFile(f.path) : [];
      if (!anchors.some((a) => a.seq === anchor.seq && a.hash === anchor.hash && a.source === anchor.source)) {
        anchors.push(anchor);
      }
      const file: AnchorFile = {
        app: 'civil-ledger',
        ledger: resolve(ledgerPath),
        anchors: anchors.slice(-ANCHORS_KEPT),
      };
      mkdirSync(dirname(f.path), { recursive: true });
      writeFileAtomic(f.path, `${JSON.stringify(file, null, 1)}\n`);
    } catch (e) {
      problems.push(`无法写入${f.label}（${f.path}）：${(e as Error).message}`);
    }
  }
  return problems;
}

export interface AnchorFinding {
  anchor: FoundAnchor;
  /** ok: the chain reaches it with the same hash; superseded: an anchor of a line replaced by a later restore. */
  status: 'ok' | 'not_reached' | 'differs' | 'superseded' | 'other_ledger';
  message: string;
}

export interface AnchorCheck {
  ok: boolean;
  head: JournalHead;
  findings: AnchorFinding[];
  /** One line for `check`. */
  message: string;
}

function describe(a: FoundAnchor): string {
  return `${a.origin}${a.note ? `“${a.note}”` : ''}（${a.at.slice(0, 19).replace('T', ' ')}）`;
}

/** Compares the journal of `raw` with anchors found elsewhere. */
export function compareWithAnchors(raw: Database.Database, anchors: FoundAnchor[]): AnchorCheck {
  const head = journalHead(raw);
  const hashAt = raw.prepare('SELECT hash, action FROM journal WHERE seq = ?');
  const rowAt = (seq: number) => hashAt.get(seq) as { hash: string; action: string } | undefined;
  // Restores this ledger really went through: their anchor is reached, on a 'backup.restore' entry.
  const restores = anchors.filter((a) => {
    if (a.source !== 'restore') return false;
    const r = rowAt(a.seq);
    return r !== undefined && r.hash === a.hash && r.action === 'backup.restore';
  });
  const findings: AnchorFinding[] = [];
  const seen = new Set<string>();
  const first = head.first ?? null;
  for (const a of anchors) {
    const key = `${a.seq}:${a.hash}:${a.origin}:${a.note}`;
    if (seen.has(key) || a.seq === 0) continue;
    seen.add(key);
    if (a.first && first && a.first !== first) {
      // Recorded for a ledger whose journal starts differently: one made anew at the same path (then the anchor
      // may be deleted), or this journal rewritten from its first entry. `check` fails on it; backups and restores
      // do not refuse for it.
      findings.push({
        anchor: a,
        status: 'other_ledger',
        message: `${describe(a)}记录的是另一本台账（操作日志第 1 条不同）：若台账是在原位置重新建立的，可删除该锚点；否则日志从第 1 条起被改写过`,
      });
      continue;
    }
    const row = a.seq <= head.seq ? rowAt(a.seq) : undefined;
    if (row && row.hash === a.hash) {
      findings.push({ anchor: a, status: 'ok', message: `到达${describe(a)}记录的第 ${a.seq} 条` });
      continue;
    }
    const replacedBy = restores.find((r) => r.at > a.at && a.seq >= r.seq);
    if (replacedBy) {
      findings.push({
        anchor: a,
        status: 'superseded',
        message: `${describe(a)}记录的第 ${a.seq} 条属于 ${replacedBy.at.slice(0, 10)} 恢复备份前的台账`,
      });
      continue;
    }
    findings.push(
      a.seq > head.seq || !row
        ? {
            anchor: a,
            status: 'not_reached',
            message: `操作日志止于第 ${head.seq} 条，未到达${describe(a)}记录的第 ${a.seq} 条：日志末尾的记录被删除`,
          }
        : {
            anchor: a,
            status: 'differs',
            message: `操作日志第 ${a.seq} 条与${describe(a)}记录的校验值不同：日志被改写过`,
          },
    );
  }
  const bad = findings.filter(
    (f) => f.status === 'not_reached' || f.status === 'differs' || f.status === 'other_ledger',
  );
  const okCount = findings.filter((f) => f.status === 'ok').length;
  return {
    ok: bad.length === 0,
    head,
    findings,
    message:
      bad.length > 0
        ? bad
            .slice(0, 3)
            .map((f) => f.message)
            .join('；') + (bad.length > 3 ? `；另有 ${bad.length - 3} 处` : '')
        : findings.length === 0
          ? `没有找到日志锚点（日志现止于第 ${head.seq} 条）`
          : `与 ${okCount} 个日志锚点一致（日志现止于第 ${head.seq} 条）`,
  };
}
