// The national division codes (统计用区划代码) for township set-up: provinces -> cities -> counties -> streets
// (街道/乡镇, 9 digits) -> villages/communities (村/居委会, 12 digits). Reads the compact slice that
// scripts/build-divisions.mjs writes to resources/divisions (see that script for the format). Node only.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { LedgerError } from '../../../shared/errors';

export interface DivisionItem {
  code: string;
  name: string;
}

export interface StreetPath {
  code: string;
  name: string;
  /** Names of the levels above, for a path such as 江苏省 / 泰州市 / 海陵区 / 城东街道. */
  county: string;
  /**
   * '' where the official city level is not a city: municipalities (北京 1101 市辖区, 重庆 5002 县) and directly
   * administered counties (省直辖县级行政区划). The official level is still `cityCode`.
   */
  city: string;
  province: string;
  countyCode: string;
  cityCode: string;
  provinceCode: string;
  /** For addresses: 江苏省泰州市海陵区城东街道, 北京市东城区东华门街道, 广东省东莞市东城街道. */
  fullName: string;
}

export type VillageKind = 'village' | 'community';

export interface DivisionVillage {
  code: string;
  name: string;
  kind: VillageKind;
}

export interface DivisionsMeta {
  formatVersion: number;
  source: string;
  sourceVersion: string;
  sourceData: string;
  builtAt: string;
  counts: Record<'provinces' | 'cities' | 'counties' | 'streets' | 'villages' | 'communities', number>;
  placeholderCityNames: string[];
}

export interface Divisions {
  /** The folder the slice is read from. */
  readonly dir: string;
  /** Provinces when no code; else cities of a 2-digit province, counties of a 4-digit city, streets of a 6-digit county. */
  children(parentCode?: string): DivisionItem[];
  /** The street/township with its county, city and province; null when the code is not a known 9-digit street. */
  street(code9: string): StreetPath | null;
  /** The villages and communities of a street/township, by code. Throws BAD_INPUT for an unknown street. */
  villages(code9: string): DivisionVillage[];
  meta(): DivisionsMeta;
}

/** The format this reader understands; scripts/build-divisions.mjs FORMAT_VERSION. */
const FORMAT_VERSION = 1;

/** City-level names that are not cities: municipalities (市辖区/县), directly administered counties. */
const PLACEHOLDER_CITY_NAMES: ReadonlySet<string> = new Set([
  '市辖区',
  '县',
  '省直辖县级行政区划',
  '自治区直辖县级行政区划',
]);

export const isPlaceholderCity = (name: string): boolean => PLACEHOLDER_CITY_NAMES.has(name);

// A trailing note in brackets does not decide the kind: 政平社区居委会（含政平村村委） is a community.
const TRAILING_NOTE = /[（(][^（）()]*[）)]$/;
const COMMUNITY_SUFFIX = /(社区|居委会|居民委员会|居委|居民委员|社区服务中心)$/;

/** 社区/居委会/居民委员会 (and their short forms) are communities; everything else (村委会, 嘎查, 生产队…) a village. */
export function villageKind(name: string): VillageKind {
  return COMMUNITY_SUFFIX.test(name.trim().replace(TRAILING_NOTE, '')) ? 'community' : 'village';
}

const LEVEL_NAMES: Record<number, string> = { 2: '省', 4: '地级市', 6: '区县', 9: '街道/乡镇' };

function unknownCode(code: string, level = LEVEL_NAMES[code.length] ?? '行政区划'): LedgerError {
  return new LedgerError('BAD_INPUT', `未找到行政区划代码 ${code} 对应的${level}`);
}

/**
 * Where the slice lives: $CIVIL_LEDGER_RESOURCES/divisions when set (a packaged Electron app passes
 * process.resourcesPath there or calls createDivisions with it), else the nearest `resources/divisions` above this
 * file — <repo>/resources/divisions both from src/main/ledger/township and from a bundle in out/main.
 */
export function defaultDivisionsDir(): string {
  const fromEnv = process.env.CIVIL_LEDGER_RESOURCES;
  if (fromEnv) return path.join(fromEnv, 'divisions');
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'resources', 'divisions');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Not built yet: name the repo's folder so the error below says where it was looked for.
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../resources/divisions');
}

type StreetTuple = [code: string, name: string];
type CountyTuple = [code: string, name: string, streets: StreetTuple[]];
type CityTuple = [code: string, name: string, counties: CountyTuple[]];
type ProvinceTuple = [code: string, name: string, cities: CityTuple[]];

interface TreeIndex {
  provinces: DivisionItem[];
  /** parent code (2/4/6 digits) -> its children in code order */
  children: Map<string, DivisionItem[]>;
  /** any code -> its name (41k streets + 3.3k upper levels: small) */
  names: Map<string, string>;
}

/** Villages of one province, as stored: street code -> ["<3-digit suffix><name>", ...]. */
type ProvinceVillages = Record<string, string[]>;

/** Provinces whose villages stay parsed; a clerk works in one, so two is plenty (the largest is ~1.6 MB of text). */
const VILLAGE_CACHE_SIZE = 2;

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new LedgerError(
      'INTERNAL',
      `行政区划数据缺失或损坏（${file}），请运行 npm run build:divisions 重新生成：${(err as Error).message}`,
    );
  }
}

export function createDivisions(dir: string = defaultDivisionsDir()): Divisions {
  let tree: TreeIndex | undefined;
  let metaCache: DivisionsMeta | undefined;
  const villageCache = new Map<string, ProvinceVillages>(); // insertion order = least recently used first

  function loadTree(): TreeIndex {
    if (tree) return tree;
    const data = readJson(path.join(dir, 'tree.json')) as { formatVersion: number; provinces: ProvinceTuple[] };
    if (data.formatVersion !== FORMAT_VERSION) {
      throw new LedgerError(
        'INTERNAL',
        `行政区划数据格式版本 ${data.formatVersion} 与程序不符，请运行 npm run build:divisions`,
      );
    }
    const children = new Map<string, DivisionItem[]>();
    const names = new Map<string, string>();
    const item = (code: string, name: string): DivisionItem => {
      names.set(code, name);
      return Object.freeze({ code, name });
    };
    const provinces = data.provinces.map(([pCode, pName, cities]) => {
      children.set(
        pCode,
        cities.map(([cCode, cName, counties]) => {
          children.set(
            cCode,
            counties.map(([aCode, aName, streets]) => {
              children.set(
                aCode,
                streets.map(([sCode, sName]) => item(sCode, sName)),
              );
              return item(aCode, aName);
            }),
          );
          return item(cCode, cName);
        }),
      );
      return item(pCode, pName);
    });
    tree = { provinces, children, names };
    return tree;
  }

  function provinceVillages(province: string): ProvinceVillages {
    const cached = villageCache.get(province);
    if (cached) {
      villageCache.delete(province);
      villageCache.set(province, cached);
      return cached;
    }
    const file = path.join(dir, 'villages', `${province}.json.gz`);
    let parsed: ProvinceVillages;
    try {
      parsed = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as ProvinceVillages;
    } catch (err) {
      throw new LedgerError(
        'INTERNAL',
        `行政区划村(社区)数据缺失或损坏（${file}），请运行 npm run build:divisions 重新生成：${(err as Error).message}`,
      );
    }
    villageCache.set(province, parsed);
    while (villageCache.size > VILLAGE_CACHE_SIZE) {
      const oldest = villageCache.keys().next().value;
      if (oldest === undefined) break;
      villageCache.delete(oldest);
    }
    return parsed;
  }

  const isStreetCode = (code: string): boolean => /^\d{9}$/.test(code) && loadTree().names.has(code);

  return {
    dir,

    children(parentCode) {
      const index = loadTree();
      if (parentCode === undefined || parentCode === '') return [...index.provinces];
      if (!/^(\d{2}|\d{4}|\d{6})$/.test(parentCode)) {
        throw new LedgerError('BAD_INPUT', `行政区划代码 ${parentCode} 格式不正确：应为 2、4 或 6 位数字`);
      }
      const list = index.children.get(parentCode);
      if (!list) throw unknownCode(parentCode);
      return [...list];
    },

    street(code9) {
      if (!isStreetCode(code9)) return null;
      const { names } = loadTree();
      const nameOf = (code: string): string => names.get(code) ?? '';
      const [provinceCode, cityCode, countyCode] = [code9.slice(0, 2), code9.slice(0, 4), code9.slice(0, 6)];
      const province = nameOf(provinceCode);
      const officialCity = nameOf(cityCode);
      const city = isPlaceholderCity(officialCity) ? '' : officialCity;
      const county = nameOf(countyCode);
      const name = nameOf(code9);
      // 东莞/中山/儋州 have a county level named like the city itself: say it once.
      const fullName = [province, city, county, name].filter((n, i, all) => n !== '' && n !== all[i - 1]).join('');
      return { code: code9, name, county, city, province, countyCode, cityCode, provinceCode, fullName };
    },

    villages(code9) {
      if (!isStreetCode(code9)) throw unknownCode(code9, '街道/乡镇');
      const stored = provinceVillages(code9.slice(0, 2))[code9] ?? [];
      return stored.map((entry) => {
        const name = entry.slice(3);
        return { code: code9 + entry.slice(0, 3), name, kind: villageKind(name) };
      });
    },

    meta() {
      metaCache ??= readJson(path.join(dir, 'meta.json')) as DivisionsMeta;
      return metaCache;
    },
  };
}
