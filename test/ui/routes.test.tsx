// The lazy route table: a path is looked up only in the capability named by its first segment, so a route declared
// under another segment would never be reached; and each sidebar entry must open a page of its own capability.
import { describe, expect, it } from 'vitest';
import type { LazyPage } from '../../src/renderer/lib/route';
import { matchPath } from '../../src/renderer/lib/router';
import { navEntries, sections } from '../../src/renderer/routes';

describe('route table', () => {
  it('every capability route lies under its segment, and every sidebar address opens a route', async () => {
    for (const s of sections) {
      const { routes } = await s.load();
      expect(routes.length).toBeGreaterThan(0);
      for (const r of routes) expect(r.path.split('/')[1], r.path).toBe(s.segment);
      for (const p of [s.nav.path, ...(s.nav.children ?? []).map((c) => c.path)]) {
        expect(p.split('/')[1], p).toBe(s.segment);
        expect(
          routes.some((r) => matchPath(r.path, p)),
          `${p} has no route`,
        ).toBe(true);
      }
    }
    expect(navEntries.map((n) => n.label)).toContain('工作台');
  }, 60_000);

  it('each page of a capability is loaded on its own, and its code loads', async () => {
    let lazy = 0;
    for (const s of sections) {
      const { routes } = await s.load();
      for (const r of routes) {
        const load = (r.component as Partial<LazyPage>).load;
        if (!load) continue;
        lazy++;
        expect(typeof (await load()), r.path).toBe('function');
      }
    }
    // The large capabilities' pages (households, cases, rolls, registers …) are all lazy pages.
    expect(lazy).toBeGreaterThan(30);
  }, 60_000);
});
