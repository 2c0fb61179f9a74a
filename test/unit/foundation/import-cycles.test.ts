// No import cycles in src (docs/ARCHITECTURE.md, "Layers"): a cycle makes module start-up order matter and ties two
// modules into one. The walk follows runtime imports and re-exports (relative paths); `import type` is erased by
// the compiler and cannot cycle at run time, so it is skipped. The cycles that existed when this check was added are
// listed below; a NEW cycle fails the test, and a listed one that is broken up should be removed from the list.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

const KNOWN_CYCLES: string[][] = [];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const IMPORT = /(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/g;

function runtimeImports(file: string): string[] {
  const out: string[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    if (m[1]) continue;
    const base = resolve(dirname(file), m[2]!);
    const hit = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((c) => existsSync(c));
    if (hit) out.push(hit);
  }
  return out;
}

/** Strongly connected components with more than one file (Tarjan). */
function cycles(files: string[]): string[][] {
  const edges = new Map(files.map((f) => [f, runtimeImports(f)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(relative(ROOT, w).split('\\').join('/'));
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

test('the walk finds a cycle of runtime imports and ignores type-only ones', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
  try {
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
    writeFileSync(join(dir, 'b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
    writeFileSync(join(dir, 'c.ts'), "import type { d } from './d';\nexport type C = d;\n");
    writeFileSync(join(dir, 'd.ts'), "import { c } from './c';\nexport type d = typeof c;\n");
    const found = cycles(sourceFiles(dir));
    expect(found).toHaveLength(1);
    expect(found[0]!.map((f) => f.split('/').at(-1))).toEqual(['a.ts', 'b.ts']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no import cycle in src beyond the known ones', () => {
  const known = new Set(KNOWN_CYCLES.map((c) => [...c].sort().join(' ')));
  const fresh = cycles(sourceFiles(join(ROOT, 'src'))).filter((c) => !known.has(c.join(' ')));
  expect(fresh, 'new import cycle(s): break them (move the shared part to a module both import)').toEqual([]);
});
