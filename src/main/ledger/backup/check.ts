// `check`: SQLite's own integrity_check and foreign_key_check, the journal chain, the journal against every anchor
// found outside the ledger (journal/anchors.ts), and — when a backup or manifest is given — each table's rows
// against that manifest's digests. Opens read-only.
import { existsSync, readFileSync } from 'node:fs';
import { secondDirOf, type BackupManifest } from './backup';
import { readProof } from './container';
import { compareDigests, type TableDigests } from './digests';
import { collectAnchors } from './proof';
import { compareWithAnchors, verifyJournal } from '../journal';
import { openLedger } from '../db';

export interface CheckItem {
  name: string;
  ok: boolean;
  message: string;
}

export interface CheckResult {
  ok: boolean;
  items: CheckItem[];
}

/** The per-table digests a backup carries (one-file form) or a manifest file (.manifest.json) holds. */
export function digestsFrom(path: string): { tables: TableDigests; label: string } {
  if (!existsSync(path)) throw new Error(`找不到文件“${path}”`);
  let manifest: BackupManifest | null = null;
  const p = readProof(path);
  if (p.kind === 'damaged') throw new Error(`“${path}”的备份校验记录已损坏：${p.problem}`);
  if (p.kind === 'embedded') manifest = p.manifest;
  if (!manifest) {
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
    } catch {
      manifest = null;
    }
  }
  if (!manifest?.tables) throw new Error(`“${path}”里没有各表数据摘要（只有本版本起的备份才有）`);
  return { tables: manifest.tables, label: manifest.file ?? path };
}

export interface CheckOptions {
  /** A backup (or manifest) whose per-table digests the ledger's tables are compared with. */
  against?: string;
}

export async function checkLedger(path: string, options: CheckOptions = {}): Promise<CheckResult> {
  const ledger = await openLedger(path, { readonly: true });
  try {
    const items: CheckItem[] = [];
    const integrity = ledger.raw.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const intOk = integrity.length === 1 && integrity[0]?.integrity_check === 'ok';
    items.push({
      name: '数据库完整性',
      ok: intOk,
      message: intOk
        ? '正常'
        : `发现 ${integrity.length} 处问题：${integrity
            .slice(0, 3)
            .map((r) => r.integrity_check)
            .join('；')}`,
    });
    const fk = ledger.raw.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    items.push({
      name: '外键关联',
      ok: fk.length === 0,
      message:
        fk.length === 0
          ? '正常'
          : `${fk.length} 条记录引用了不存在的记录（如 ${fk[0]?.table} 第 ${fk[0]?.rowid} 行 → ${fk[0]?.parent}）`,
    });
    const j = verifyJournal(ledger.raw);
    items.push({ name: '操作日志链', ok: j.ok, message: j.message });
    const anchors = compareWithAnchors(ledger.raw, collectAnchors(path, { secondDir: secondDirOf(ledger.raw) }));
    items.push({ name: '日志锚点', ok: anchors.ok, message: anchors.message });
    if (options.against) {
      try {
        const { tables, label } = digestsFrom(options.against);
        const diffs = compareDigests(tables, ledger.raw);
        items.push({
          name: '与备份的各表摘要比对',
          ok: diffs.length === 0,
          message:
            diffs.length === 0
              ? `${Object.keys(tables).length} 张表与“${label}”记录的内容一致`
              : `${diffs.length} 张表与“${label}”记录的不同：${diffs
                  .slice(0, 5)
                  .map((d) => d.message)
                  .join('；')}`,
        });
      } catch (e) {
        items.push({ name: '与备份的各表摘要比对', ok: false, message: (e as Error).message });
      }
    }
    return { ok: items.every((i) => i.ok), items };
  } finally {
    await ledger.close();
  }
}
