// `check`: SQLite's own integrity_check and foreign_key_check, then the journal chain. Opens read-only.
import { verifyJournal } from '../journal/journal';
import { openLedger } from './open';

export interface CheckItem {
  name: string;
  ok: boolean;
  message: string;
}

export interface CheckResult {
  ok: boolean;
  items: CheckItem[];
}

export async function checkLedger(path: string): Promise<CheckResult> {
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
    return { ok: items.every((i) => i.ok), items };
  } finally {
    await ledger.close();
  }
}
