// Village names as clerks write them, matched to the township's 村(社区) list: 夏庄村 ~ 夏庄村委会,
// 杨庄社区 ~ 杨庄居委会 ~ 杨庄社区居民委员会. A merged (撤并) village resolves to the one it was merged into.
import { toHalfWidth } from '../../../shared/text';
import type { VillagesTable } from '../db';

const SUFFIXES = [
  '社区居民委员会',
  '社区居委会',
  '村民委员会',
  '居民委员会',
  '社区服务中心',
  '村委会',
  '居委会',
  '村委',
  '居委',
  '社区',
  '委员会',
  '村',
  '居',
];

function fold(s: string): string {
  return toHalfWidth(s).replace(/\s+/gu, '');
}

/** The distinctive part of a village name: 夏庄 for 夏庄村委会, 夏庄村 and 夏庄. */
export function villageCore(name: string): string {
  let s = fold(name).replace(/\([^()]*\)$/u, '');
  for (const suffix of SUFFIXES) {
    if (s.endsWith(suffix) && s.length > suffix.length) {
      s = s.slice(0, -suffix.length);
      break;
    }
  }
  return s;
}

type Kind = 'village' | 'community';

function kindHint(name: string): Kind | null {
  const s = fold(name);
  if (/(村|村委会|村民委员会|村委)$/.test(s)) return 'village';
  if (/(社区|居委会|居民委员会|居委|居)$/.test(s)) return 'community';
  return null;
}

export type VillageMatch = { ok: true; id: string; name: string; note?: string } | { ok: false; message: string };

export interface VillageMatcher {
  match(text: string): VillageMatch;
}

export function villageMatcher(villages: VillagesTable[], townshipName = ''): VillageMatcher {
  const byId = new Map(villages.map((v) => [v.id, v]));
  const cache = new Map<string, VillageMatch>();
  const resolveMerged = (v: VillagesTable): VillagesTable => {
    let cur = v;
    for (let i = 0; i < 10 && cur.active !== 1 && cur.merged_into_id; i++) {
      const next = byId.get(cur.merged_into_id);
      if (!next) break;
      cur = next;
    }
    return cur;
  };
  const active = villages.filter((v) => v.active === 1);

  function find(raw: string): VillageMatch {
    let s = fold(raw);
    if (townshipName !== '' && s.startsWith(townshipName) && s.length > townshipName.length)
      s = s.slice(townshipName.length);
    if (s === '') return { ok: false, message: '村(社区)为空' };
    const core = villageCore(s);
    const hint = kindHint(s);
    const pick = (pool: VillagesTable[]): VillagesTable[] => {
      const exact = pool.filter((v) => fold(v.name) === s);
      if (exact.length > 0) return exact;
      const cores = pool.filter((v) => villageCore(v.name) === core || villageCore(v.name) === s);
      if (cores.length > 1 && hint) {
        const sameKind = cores.filter((v) => v.kind === hint);
        if (sameKind.length > 0) return sameKind;
      }
      return cores;
    };
    let found = pick(active);
    let merged = false;
    if (found.length === 0) {
      found = pick(villages.filter((v) => v.active !== 1));
      merged = found.length > 0;
    }
    if (found.length === 0) return { ok: false, message: `村(社区)「${raw}」不在本街道/乡镇的村(社区)名单中` };
    if (found.length > 1) {
      return { ok: false, message: `村(社区)「${raw}」对应多个：${found.map((v) => v.name).join('、')}，请写全称` };
    }
    const v = found[0] as VillagesTable;
    if (merged) {
      const target = resolveMerged(v);
      if (target.active !== 1) return { ok: false, message: `村(社区)「${raw}」已撤销` };
      return { ok: true, id: target.id, name: target.name, note: `「${v.name}」已撤并入「${target.name}」` };
    }
    return { ok: true, id: v.id, name: v.name };
  }

  return {
    match(text: string): VillageMatch {
      const key = fold(text);
      let r = cache.get(key);
      if (!r) {
        r = find(text);
        cache.set(key, r);
      }
      return r;
    },
  };
}
