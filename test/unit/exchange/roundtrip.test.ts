// Property: an exported ledger imports back unchanged. Random households (Chinese names, leading zeros, months,
// amounts, every category, stopped cases) are written as a workbook, imported, exported with full ID numbers,
// imported into a second ledger and exported again: both exports and the source agree field by field.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../../src/shared/idcard';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳司马诸葛';
const GIVEN =
  '桂英建国秀兰长林志强丽春花德明小军梅福根有才阿婆丹凤玉珍淑芬海燕晓东国庆红霞秀珍金凤永胜嘉怡子涵浩然欣怡雨桐梓萱一诺';
const VILLAGES = ['花园村', '丁冯村', '唐甸村', '东安社区', '碧桂园社区', '斜桥居委会'];
const CATEGORIES = [
  ['低保', 'dibao'],
  ['低保（单人保）', 'dibao'],
  ['特困供养', 'tekun'],
  ['低保边缘', 'bianyuan'],
  ['临时救助', 'linshi'],
  ['刚性支出', 'gangxing'],
  ['困难残疾人生活补贴', 'canji_living'],
  ['重度残疾人护理补贴', 'canji_care'],
  ['孤儿', 'guer'],
  ['事实无人抚养儿童', 'wurenfuyang'],
] as const;
const RELATIONS = ['配偶', '子', '女', '父亲', '母亲', '孙子女', '兄弟姐妹', '其他'];

interface Member {
  name: string;
  relation: string;
  id: string;
}
interface Household {
  village: string;
  members: Member[];
  category: string;
  area: '城市' | '农村';
  supportMode: string;
  amountFen: number;
  start: string;
  stop: string;
  caseNo: string;
  address: string;
  phone: string;
}

function generate(seed: number, n: number): Household[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const used = new Set<string>();
  const person = (): { name: string; id: string } => {
    const surname = r() < 0.05 ? pick(['欧阳', '司马', '诸葛']) : SURNAMES.charAt(Math.floor(r() * 100));
    const given = Array.from({ length: 1 + Math.floor(r() * 2) }, () =>
      GIVEN.charAt(Math.floor(r() * GIVEN.length)),
    ).join('');
    let id = '';
    do {
      const y = 1930 + Math.floor(r() * 90);
      const m = 1 + Math.floor(r() * 12);
      const d = 1 + Math.floor(r() * 28);
      const first17 = `321299${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
      id = first17 + idCheckChar(first17);
    } while (used.has(id));
    used.add(id);
    return { name: surname + given, id };
  };
  const month = (from: number, span: number): string => {
    const i = from + Math.floor(r() * span);
    return `${2015 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  };
  return Array.from({ length: n }, () => {
    const [label, key] = pick(CATEGORIES);
    const area = r() < 0.5 ? '城市' : '农村';
    // A label that names urban/rural must agree with the 城乡 column (the importer rejects a contradiction).
    const category = label.startsWith('低保') ? `${area}${label}` : label;
    const individual =
      ['tekun', 'canji_living', 'canji_care', 'guer', 'wurenfuyang', 'linshi'].includes(key) ||
      category.includes('单人保');
    const size = individual ? 1 : 1 + Math.floor(r() * 4);
    const head = person();
    const members: Member[] = [{ ...head, relation: '户主' }];
    for (let i = 1; i < size; i++) members.push({ ...person(), relation: pick(RELATIONS) });
    const start = month(0, 100);
    const stopped = key !== 'linshi' && r() < 0.3;
    return {
      village: pick(VILLAGES),
      members,
      category,
      area,
      supportMode: key === 'tekun' || key === 'guer' ? pick(['集中供养', '分散供养']) : '',
      amountFen: Math.floor(r() * 500_000),
      start,
      stop: stopped ? month(100, 20) : '',
      caseNo: r() < 0.5 ? `00${Math.floor(r() * 10_000)}` : '',
      address: r() < 0.5 ? `${pick(VILLAGES)}${Math.floor(r() * 99)}号 0${Math.floor(r() * 9)}室` : '',
      phone: r() < 0.5 ? `0523-8${String(Math.floor(r() * 1_000_000)).padStart(6, '0')}` : '',
    };
  });
}

async function sourceWorkbook(households: Household[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow([
    '村(社区)',
    '户主姓名',
    '姓名',
    '与户主关系',
    '身份证号码',
    '保障类别',
    '城乡',
    '供养方式',
    '月保障金',
    '享受起始月份',
    '停保月份',
    '证号',
    '家庭住址',
    '联系电话',
  ]);
  for (const h of households) {
    h.members.forEach((m, i) => {
      const first = i === 0;
      ws.addRow([
        first ? h.village : '',
        first ? h.members[0]?.name : '',
        m.name,
        m.relation,
        m.id,
        first ? h.category : '',
        first ? h.area : '',
        first ? h.supportMode : '',
        first ? h.amountFen / 100 : null,
        first ? h.start : '',
        first ? h.stop : '',
        first ? h.caseNo : '',
        first ? h.address : '',
        first ? h.phone : '',
      ]);
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** The rows of an exported workbook as text, keyed by header, without the running number. */
async function exportedRows(data: string): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data, 'base64') as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const out: Record<string, string> = {};
    for (const h of header) if (h !== '' && h !== '序号') out[h] = '';
    (row.values as unknown[]).forEach((v, i) => {
      const h = header[i] ?? '';
      if (h !== '' && h !== '序号') out[h] = v === null || v === undefined ? '' : String(v);
    });
    rows.push(out);
  });
  return rows.sort((a, b) => `${a['身份证号码']}${a['保障类别']}`.localeCompare(`${b['身份证号码']}${b['保障类别']}`));
}

async function importAndExport(t: TestCore, fileName: string, data: string): Promise<string> {
  const r = await t.clerk.try('exchange.import', { kind: 'cases', fileName, data });
  if (!r.ok) {
    const p = await t.clerk.call('exchange.previewImport', { kind: 'cases', fileName, data });
    throw new Error(
      `${r.error.message}\n${p.problems
        .filter((x) => x.severity === 'error')
        .map((x) => `${x.row} ${x.column ?? ''} ${x.value ?? ''} ${x.message}`)
        .join('\n')}`,
    );
  }
  const out = await t.reviewer.call('exchange.exportCases', {
    filter: { status: 'all' },
    fullIdNumbers: true,
    reason: '迁移到新台账',
  });
  return out.data;
}

const cores: TestCore[] = [];
afterEach(async () => {
  while (cores.length > 0) await cores.pop()?.close();
});

describe('round trip: export -> import -> the same data', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: random households survive export and re-import unchanged', async (seed) => {
    const households = generate(seed, 25);
    const a = await makeTestCore();
    cores.push(a);
    const exportA = await importAndExport(a, 'source.xlsx', await sourceWorkbook(households));
    const b = await makeTestCore();
    cores.push(b);
    const exportB = await importAndExport(b, 'export.xlsx', exportA);
    const rowsA = await exportedRows(exportA);
    const rowsB = await exportedRows(exportB);
    expect(rowsB).toEqual(rowsA);

    // And both say what the source said.
    const bySource = new Map<string, { h: Household; m: Member }>();
    for (const h of households) for (const m of h.members) bySource.set(m.id, { h, m });
    expect(rowsA).toHaveLength(bySource.size);
    for (const row of rowsA) {
      const src = bySource.get(row['身份证号码'] ?? '');
      expect(src, `seed ${seed}: ${row['身份证号码']}`).toBeDefined();
      if (!src) continue;
      const { h, m } = src;
      expect({
        name: row['姓名'],
        relation: row['与户主关系'],
        head: row['户主姓名'] === '' ? undefined : row['户主姓名'],
        amount: Math.round(Number(row['月保障金(元)']) * 100),
        start: row['享受起始月份'],
        stop: row['停保月份'],
        area: row['城乡'],
        supportMode: row['供养方式'],
        caseNo: row['证号'],
        address: row['家庭住址'],
        phone: row['联系电话'],
        persons: row['保障人数'] === '' ? undefined : Number(row['保障人数']),
      }).toEqual({
        name: m.name,
        relation: m.relation,
        head: m.relation === '户主' ? h.members[0]?.name : undefined,
        amount: h.amountFen,
        start: h.start,
        stop: h.stop,
        area: h.area,
        supportMode: h.supportMode,
        caseNo: h.caseNo,
        address: h.address,
        phone: h.phone,
        persons: m.relation === '户主' ? h.members.length : undefined,
      });
    }
  });
});

describe('exports follow the clerk’s filter and mask ID numbers unless asked', () => {
  it('exports only the filtered village, masks ID numbers by default, and a masked export cannot be imported by mistake', async () => {
    const t = await makeTestCore();
    cores.push(t);
    const households = generate(7, 12);
    await importAndExport(t, 'source.xlsx', await sourceWorkbook(households));
    const villages = await t.clerk.call('villages.list', {});
    const huayuan = villages.find((v) => v.name === '花园村委会');
    const out = await t.clerk.call('exchange.exportCases', { filter: { villageId: huayuan?.id ?? '', status: 'all' } });
    const rows = await exportedRows(out.data);
    const expected = households.filter((h) => h.village === '花园村').reduce((n, h) => n + h.members.length, 0);
    expect(rows).toHaveLength(expected);
    expect(rows.every((r) => r['村(社区)'] === '花园村委会')).toBe(true);
    expect(rows.every((r) => /^\*{14}\d{3}[0-9X]$/.test(r['身份证号码'] ?? ''))).toBe(true);
    const journal = t.core.ledger.raw
      .prepare(`SELECT after FROM journal WHERE action = 'export.cases' ORDER BY seq DESC LIMIT 1`)
      .get() as { after: string };
    expect(JSON.parse(journal.after)).toMatchObject({ fullIdNumbers: false, rows: expected });
    const p = await t.clerk.call('exchange.previewImport', { kind: 'cases', fileName: out.fileName, data: out.data });
    expect(p.problems.find((x) => x.column?.includes('身份证号码'))?.message).toBe(
      '身份证号码已被遮蔽（含 *），无法导入。请导出时选择“含完整身份证号码”，或填写完整号码',
    );
  });

  it('the import template has the ledger’s columns and imports as an empty ledger', async () => {
    const t = await makeTestCore();
    cores.push(t);
    const tpl = await t.clerk.call('exchange.template', { kind: 'cases' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tpl.data, 'base64') as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['社会救助台账', '填写说明']);
    const p = await t.clerk.call('exchange.previewImport', { kind: 'cases', fileName: tpl.fileName, data: tpl.data });
    expect(p.sheets[0]?.columns.every((c) => c.field !== null)).toBe(true);
    expect(p).toMatchObject({ rows: 0, errorCount: 0 });
  });
});
