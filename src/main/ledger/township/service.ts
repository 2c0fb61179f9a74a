// The township's 村(社区) list: seeded from the division codes at set-up, then edited (renames, merges).
import { join } from 'node:path';
import type { VillageView } from '../../../shared/api/township';
import { camelFields, type ServiceContext } from '../kernel';
import type { VillagesTable } from '../db';
import { newId, nowIso } from '../ids';
import { createDivisions, type Divisions } from './divisions';

const cache = new Map<string, Divisions>();

export function divisionsFor(resourcesDir: string): Divisions {
  let d = cache.get(resourcesDir);
  if (!d) {
    d = createDivisions(join(resourcesDir, 'divisions'));
    cache.set(resourcesDir, d);
  }
  return d;
}

const villageFields = camelFields<VillagesTable>()([
  'id',
  'code',
  'name',
  'kind',
  'merged_into_id',
  'sort_order',
  'version',
]);

export function villageView(v: VillagesTable): VillageView {
  return { ...villageFields(v), active: v.active === 1 };
}

export async function createVillagesFromDivision(
  ctx: ServiceContext,
  items: { code: string; name: string; kind: 'village' | 'community' }[],
): Promise<VillagesTable[]> {
  const at = nowIso(ctx.now());
  const rows: VillagesTable[] = items.map((it, i) => ({
    id: newId(),
    code: it.code,
    name: it.name,
    kind: it.kind,
    sort_order: i + 1,
    active: 1,
    merged_into_id: null,
    created_at: at,
    updated_at: at,
    version: 1,
  }));
  for (let i = 0; i < rows.length; i += 200)
    await ctx.db
      .insertInto('villages')
      .values(rows.slice(i, i + 200))
      .execute();
  return rows;
}
