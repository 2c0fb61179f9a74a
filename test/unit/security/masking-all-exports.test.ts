// Issue 22: no full ID number can be rebuilt from anything the app prints or exports. A ledger with households,
// cases, a confirmed payment roll, a report package and the elderly register; then every export and every print the
// core produces — bank files, the report workbook and every file in its archive, the case export, the template, an
// import's rejected rows, and what the pages and prints are given by the API — is searched for full numbers and
// attacked row by row (masking-attacker.ts). Issue 23.5: every copy that leaves the ledger is journalled with who,
// what, where and why; full-number copies need a role, a reason, say so on their face and never overwrite a file.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar, maskIdNumber } from '../../../src/shared/idcard';
import { birthYearOnly, fullIdNotice } from '../../../src/shared/mask';
import { approvedCase, household, idFor, member, putStandards, setup, type Ctx } from '../cases/fixtures';
import {
  candidatesFor,
  fullNumbersIn,
  jsonRecords,
  leaksOf,
  parseCsv,
  tableRecords,
  THRESHOLD,
  type Leak,
  type Record_,
} from './masking-attacker';

let c: Ctx;
let real: string[] = [];
let regions: string[] = [];
const AS_OF = '2025-05-05';

/** Everything produced, by name: records to attack and the raw text to search for full numbers. */
interface Output {
  name: string;
  records: { where: string; rec: Record_ }[];
  text: string;
}
const outputs: Output[] = [];

function cellText(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    return JSON.stringify(v);
  }
  return v;
}

async function workbookOutput(name: string, data: Uint8Array | Buffer): Promise<Output> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer);
  const records: Output['records'] = [];
  let text = '';
  for (const ws of wb.worksheets) {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells = (row.values as unknown[]).slice(1).map(cellText);
      rows.push(cells);
      text += `${cells.map((x) => String(x ?? '')).join('\t')}\n`;
    });
    text += `${ws.headerFooter?.oddHeader ?? ''}\n`;
    records.push(...tableRecords(`${name}「${ws.name}」`, rows));
  }
  return { name, records, text };
}

function csvOutput(name: string, content: string): Output {
  return { name, records: tableRecords(name, parseCsv(content)), text: content };
}

function jsonOutput(name: string, v: unknown): Output {
  return { name, records: jsonRecords(v, name), text: JSON.stringify(v) };
}

function zipOutputs(name: string, data: Uint8Array): Promise<Output[]> {
  const files = unzipSync(data);
  return Promise.all(
    Object.entries(files).map(async ([file, bytes]) => {
      const where = `${name}/${file}`;
      if (file.endsWith('.xlsx')) return workbookOutput(where, bytes);
      if (file.endsWith('.csv')) return csvOutput(where, strFromU8(bytes));
      if (file.endsWith('.json')) return jsonOutput(where, JSON.parse(strFromU8(bytes)) as unknown);
      return { name: where, records: [], text: strFromU8(bytes) };
    }),
  );
}

const b64 = (s: string): Buffer => Buffer.from(s, 'base64');

function journal(action: string): { actor_name: string; after: Record<string, unknown>; reason: string | null }[] {
  return (
    c.t.core.ledger.raw
      .prepare('SELECT actor_name, after, reason FROM journal WHERE action = ? ORDER BY seq')
      .all(action) as { actor_name: string; after: string | null; reason: string | null }[]
  ).map((r) => ({ ...r, after: JSON.parse(r.after ?? '{}') as Record<string, unknown> }));
}

beforeAll(async () => {
  c = await setup('2025-03-03');
  const { t } = c;
  await putStandards(c);
  const a = await household(c, [
    member('张三', '1949-06-01', 'M', '户主'),
    member('王秀英', '1985-01-01', 'F', '配偶'),
    { name: '张小军', idNumber: idFor('2012-02-29', 'M', '110105'), relation: '子' }, // another county
  ]);
  const b = await household(
    c,
    [member('孙大爷', '1950-02-01', 'M', '户主', { labourCapacity: 'none' })],
    0,
    c.village2Id,
  );
  const e = await household(c, [member('钱大妈', '1962-08-17', 'F', '户主')], 0);
  // A legacy 15-digit number, in a household without a case (a case would need its exception first).
  await household(c, [{ name: '张老太', idNumber: '110105491231002', relation: '户主' }], 0);
  await approvedCase(c, { householdId: a.household.id, category: 'dibao', appliedOn: '2025-03-03' }, '2025-03-20');
  await approvedCase(
    c,
    {
      householdId: b.household.id,
      category: 'tekun',
      personId: b.members[0]!.personId,
      supportMode: 'dispersed',
      careGrade: 'partial',
      appliedOn: '2025-03-03',
    },
    '2025-04-10',
  );
  // One case still under 公示 (the 公示名单 of applicants).
  c.clock.set('2025-05-01');
  let k = await t.clerk.call('cases.create', {
    householdId: e.household.id,
    category: 'dibao',
    appliedOn: '2025-05-01',
  });
  k = await t.clerk.call('cases.investigate', {
    id: k.id,
    version: k.version,
    onDate: '2025-05-01',
    investigators: ['张经办', '村委王主任'],
    checkResult: 'pass',
  });
  k = await t.clerk.call('cases.preliminary', { id: k.id, version: k.version, onDate: '2025-05-01', opinion: 'agree' });
  if (k.status === 'preliminary')
    await t.clerk.call('cases.publicize', { id: k.id, version: k.version, startOn: '2025-05-01' });
  const villages = await t.admin.call('villages.list', {});
  c.clock.set(AS_OF);
  await t.clerk.call('elderly.register', {
    idNumber: idFor('1940-03-12', 'F'),
    name: '周奶奶',
    villageId: villages[0]!.id,
    address: '一组 12 号',
    phone: '13800000001',
    categories: ['alone'],
    riskLevel: 'high',
    contactName: null,
    contactPhone: null,
    remark: null,
    registeredOn: '2025-05-01',
  });
  const roll = await t.clerk.call('rolls.generate', { month: '2025-05' });
  await t.reviewer.call('rolls.confirm', { month: '2025-05', version: roll.version });

  real = [
    ...(t.core.ledger.raw
      .prepare('SELECT id_number FROM people WHERE id_number IS NOT NULL')
      .pluck()
      .all() as string[]),
    ...(t.core.ledger.raw.prepare('SELECT id_number FROM elderly_people').pluck().all() as string[]),
  ];
  // The attacker knows every county code of the ledger (and the township's own).
  regions = [...new Set([...real.map((r) => r.slice(0, 6)), '321202'])];

  // ── exports and prints with masked numbers ──
  const bank = await t.reviewer.call('rolls.exportBank', { month: '2025-05' });
  outputs.push(csvOutput('银行代发文件（遮挡）', bank.content));
  outputs.push(jsonOutput('rolls.get', await t.clerk.call('rolls.get', { month: '2025-05' })));
  outputs.push(
    jsonOutput('rolls.lines', await t.clerk.call('rolls.lines', { month: '2025-05', offset: 0, limit: 500 })),
  );
  outputs.push(jsonOutput('花名册（打印）', await t.clerk.call('rolls.printable', { month: '2025-05' })));

  const pkg = await t.clerk.call('reports.build', { month: '2025-05' });
  const xlsx = await t.clerk.call('reports.download', { packageId: pkg.id, file: 'xlsx' });
  outputs.push(await workbookOutput('报表工作簿', b64(xlsx.dataBase64)));
  const zip = await t.clerk.call('reports.download', { packageId: pkg.id, file: 'zip' });
  outputs.push(...(await zipOutputs('报表数据包', b64(zip.dataBase64))));
  for (const measure of ['persons', 'households', 'amount'] as const) {
    outputs.push(
      jsonOutput(
        `reports.trace ${measure}`,
        await t.clerk.call('reports.trace', { month: '2025-05', measure, offset: 0, limit: 500 }),
      ),
    );
    // The drill-down's export of the listed rows (issue 20): the same masking as the screen.
    const traced = await t.clerk.call('reports.traceExport', {
      month: '2025-05',
      measure,
      title: `低保、特困 ${measure}`,
    });
    expect(traced.rows).toBeGreaterThan(0);
    outputs.push(await workbookOutput(`追溯明细导出 ${measure}`, b64(traced.dataBase64)));
  }

  const cases = await t.clerk.call('exchange.exportCases', { filter: { status: 'all' } });
  outputs.push(await workbookOutput('救助台账导出（遮挡）', b64(cases.data)));
  const template = await t.clerk.call('exchange.template', { kind: 'cases' });
  outputs.push(await workbookOutput('导入模板', b64(template.data)));

  // The rows an import rejects, given back for correction.
  const tpl = new ExcelJS.Workbook();
  await tpl.xlsx.load(b64(template.data) as unknown as ExcelJS.Buffer);
  const header = ((tpl.worksheets[0]?.getRow(1).values as unknown[]) ?? []).slice(1).map(String);
  const badFirst17 = '32120219800101001';
  const wrongCheck = idCheckChar(badFirst17) === '1' ? '2' : '1';
  const row: Record<string, unknown> = {
    '村(社区)': villages[0]!.name,
    户主姓名: '李四',
    姓名: '李四',
    与户主关系: '户主',
    身份证号码: badFirst17 + wrongCheck,
    保障类别: '农村低保',
    '金额(元)': 500,
    开始月份: '2025-01',
  };
  const src = new ExcelJS.Workbook();
  const ws = src.addWorksheet('台账');
  ws.addRow(header);
  ws.addRow(header.map((h) => row[h] ?? null));
  const data = Buffer.from(await src.xlsx.writeBuffer()).toString('base64');
  const rejected = await t.clerk.call('exchange.rejectedRows', { kind: 'cases', fileName: '李四.xlsx', data });
  expect(rejected.rows).toBe(1);
  outputs.push(await workbookOutput('导入未通过的行', b64(rejected.data)));

  // ── what the pages and prints are given ──
  const hhs = await t.clerk.call('households.list', { offset: 0, limit: 500 });
  outputs.push(jsonOutput('households.list', hhs));
  for (const h of hhs.rows)
    outputs.push(jsonOutput(`households.get ${h.id}`, await t.clerk.call('households.get', { id: h.id })));
  outputs.push(jsonOutput('people.search', await t.clerk.call('people.search', { q: '张', offset: 0, limit: 500 })));
  const caseList = await t.clerk.call('cases.list', { offset: 0, limit: 500 });
  outputs.push(jsonOutput('cases.list', caseList));
  for (const r of caseList.rows)
    outputs.push(jsonOutput(`审批表 cases.get ${r.id}`, await t.clerk.call('cases.get', { id: r.id })));
  outputs.push(jsonOutput('公示名单（申请）', await t.clerk.call('cases.publicitySheet', { kind: 'publicizing' })));
  outputs.push(
    jsonOutput('公示名单（审批）', await t.clerk.call('cases.publicitySheet', { kind: 'approved', month: '2025-03' })),
  );
  const elderly = await t.clerk.call('elderly.list', {});
  outputs.push(jsonOutput('elderly.list', elderly));
  for (const p of elderly.rows)
    outputs.push(jsonOutput(`elderly.get ${p.id}`, await t.clerk.call('elderly.get', { id: p.id })));

  // ── notifications: the messages naming a number already registered ──
  const zhang = t.core.ledger.raw.prepare("SELECT id_number FROM people WHERE name = '张三'").pluck().get() as string;

  // ── 比对: an upper-level list with the ID number, a birth date and another ID number beside it ──
  const wang = t.core.ledger.raw.prepare("SELECT id_number FROM people WHERE name = '王秀英'").pluck().get() as string;
  const list = new ExcelJS.Workbook();
  const lws = list.addWorksheet('死亡人员');
  lws.addRow(['姓名', '身份证号码', '出生日期', '死亡日期', '配偶身份证号码']);
  lws.addRow(['张三', zhang, '1949-06-01', '2025-04-30', wang]);
  const compared = await t.clerk.call('compare.run', {
    list: 'deaths',
    fileName: '死亡名单.xlsx',
    data: Buffer.from(await list.xlsx.writeBuffer()).toString('base64'),
    record: true,
  });
  outputs.push(jsonOutput('比对结果', compared));
  outputs.push(jsonOutput('比对记录', await t.clerk.call('compare.hits', { offset: 0, limit: 500 })));
  const dup = await t.clerk.try('households.create', {
    villageId: villages[0]!.id,
    hukouType: 'rural',
    address: '城东街道幸福路2号',
    annualIncomeFen: 0,
    members: [{ name: '冒名者', idNumber: zhang, relation: '户主' }],
  });
  expect(!dup.ok && dup.error.message).toContain(maskIdNumber(zhang));
  outputs.push(jsonOutput('提示：身份证号码已登记', dup));
  const elderlyId = t.core.ledger.raw.prepare('SELECT id_number FROM elderly_people').pluck().get() as string;
  const dupElderly = await t.clerk.try('elderly.register', {
    idNumber: elderlyId,
    name: '周奶奶',
    villageId: villages[0]!.id,
    address: null,
    phone: null,
    categories: ['alone'],
    riskLevel: 'high',
    contactName: null,
    contactPhone: null,
    remark: null,
    registeredOn: '2025-05-02',
  });
  expect(!dupElderly.ok && dupElderly.error.message).toContain(maskIdNumber(elderlyId));
  outputs.push(jsonOutput('提示：已登记在册', dupElderly));
}, 120_000);

afterAll(async () => {
  await c.t.close();
});

describe('the attacker', () => {
  // A test that cannot fail is no test: the attacker must rebuild the number the old mask gave away.
  it('rebuilds a number masked as first 6 + last 4 beside its birth date (the report package as it was)', () => {
    const id = idFor('1960-05-19', 'M');
    const old = `${id.slice(0, 6)}********${id.slice(14)}`;
    const rec: Record_ = new Map<string, unknown>([
      ['身份证号', old],
      ['性别', '男'],
      ['出生日期', '1960-05-19'],
    ]);
    const leaks = leaksOf('persons.csv', rec, [id], ['321202', '110105'], AS_OF);
    expect(leaks.map((l) => l.rebuilt)).toContain(id);
    expect(leaks[0]?.candidates).toBe(1);
  });

  it('also rebuilds the last 4 beside a full birth date, the address code being known', () => {
    const id = idFor('1960-05-19', 'F');
    const rec: Record_ = new Map<string, unknown>([
      ['idNumberMasked', maskIdNumber(id)],
      ['birthDate', '1960-05-19'],
    ]);
    expect(leaksOf('view', rec, [id], ['321202'], AS_OF)).toHaveLength(1);
  });

  it('rebuilds the last 4 beside a date a whole number of years after the birthday (满18周岁日期)', () => {
    const id = idFor('2010-09-03', 'F');
    const rec: Record_ = new Map<string, unknown>([
      ['idNumberMasked', maskIdNumber(id)],
      ['agesOutOn', '2028-09-03'],
    ]);
    expect(leaksOf('view', rec, [id], ['321202'], AS_OF).map((l) => l.rebuilt)).toContain(id);
  });

  it('leaves more than the threshold when only the year or the age stands beside the last 4', () => {
    const id = idFor('1960-05-19', 'M');
    const regionsKnown = ['321202', '110105', '440524'];
    const byYear = candidatesFor(maskIdNumber(id), daysOf(1960), 'M', regionsKnown);
    expect(byYear.length).toBeGreaterThan(THRESHOLD);
    const rec: Record_ = new Map<string, unknown>([
      ['idNumberMasked', maskIdNumber(id)],
      ['sex', 'M'],
      ['birthYear', birthYearOnly('1960-05-19')],
      ['age', 64],
    ]);
    expect(leaksOf('view', rec, [id], regionsKnown, AS_OF)).toEqual([]);
  });
});

function daysOf(year: number): string[] {
  const out: string[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

describe('every export and print (issue 22)', () => {
  // The 审批表 print takes its members from households.get; the 公示名单 shows no ID numbers at all.
  it('covers the surfaces, and each shows masked numbers where it shows any', () => {
    expect(real.length).toBe(7); // 6 people + 1 in the elderly register
    const names = outputs.map((o) => o.name);
    for (const must of ['报表数据包/persons.csv', '报表数据包/cases.csv', '报表数据包/changes.csv', '报表工作簿']) {
      expect(names).toContain(must);
    }
    const maskedSomewhere = (name: string) =>
      outputs
        .filter((o) => o.name.startsWith(name))
        .some((o) =>
          o.records.some((r) => [...r.rec.values()].some((v) => typeof v === 'string' && /^\*{14}[\dX]{4}$/.test(v))),
        );
    for (const name of [
      '报表数据包/persons.csv',
      '救助台账导出（遮挡）',
      '花名册（打印）',
      'households.get',
      'elderly.get',
      'reports.trace persons',
      '比对记录',
    ]) {
      expect(maskedSomewhere(name), name).toBe(true);
    }
  });

  it('contains no full ID number anywhere', () => {
    const found = outputs.flatMap((o) => fullNumbersIn(o.text, real).map((n) => `${o.name}: ${n}`));
    expect(found).toEqual([]);
  });

  it('lets no row be rebuilt from a masked number + any date, year, age or sex beside it + the check character', () => {
    const leaks: Leak[] = outputs.flatMap((o) =>
      o.records.flatMap((r) => leaksOf(r.where, r.rec, real, regions, AS_OF)),
    );
    expect(leaks).toEqual([]);
    // And the report's persons.csv gives the year of birth only.
    const persons = outputs.find((o) => o.name === '报表数据包/persons.csv');
    const head = parseCsv(persons?.text ?? '')[0] ?? [];
    expect(head).toContain('出生年份');
    expect(head).not.toContain('出生日期');
  });
});

describe('full numbers only where the upper level needs them (issues 22, 23.5)', () => {
  it('the bank file with full numbers: a reviewer, a reason, its notice on its face, a name of its own, journalled', async () => {
    const { t } = c;
    const noReason = await t.reviewer.try('rolls.exportBank', { month: '2025-05', includeIdNumbers: true });
    expect(!noReason.ok && noReason.error.message).toBe('导出完整身份证号码须填写用途（至少 2 个字）');
    const clerk = await t.clerk.try('rolls.exportBank', {
      month: '2025-05',
      includeIdNumbers: true,
      reason: '银行开户核对',
    });
    expect(!clerk.ok && clerk.error.code).toBe('FORBIDDEN');

    const masked = await t.reviewer.call('rolls.exportBank', { month: '2025-05' });
    const full = await t.reviewer.call('rolls.exportBank', {
      month: '2025-05',
      includeIdNumbers: true,
      reason: '银行开户核对',
    });
    const again = await t.reviewer.call('rolls.exportBank', {
      month: '2025-05',
      includeIdNumbers: true,
      reason: '银行开户核对',
    });
    expect(full.fileName).toContain('含完整身份证号码');
    expect(new Set([masked.fileName, full.fileName, again.fileName]).size).toBe(3);
    for (const f of [masked, full, again]) expect(readFileSync(f.path, 'utf8')).toBe(f.content);
    const lines = parseCsv(full.content);
    expect(lines[0]?.[0]).toBe(fullIdNotice('银行开户核对'));
    expect(fullNumbersIn(full.content, real).length).toBeGreaterThan(0);

    const entries = journal('roll.export_bank');
    const last = entries.at(-1);
    expect(last).toMatchObject({ actor_name: '李审核', reason: '银行开户核对' });
    expect(last?.after).toMatchObject({ include_id_numbers: true, file: again.fileName, path: again.path });
    expect(entries.every((e) => (e.reason ?? '').length >= 2)).toBe(true);
  });

  it('the case export with full numbers: reviewer or administrator only, with a reason written on the file', async () => {
    const { t } = c;
    const clerk = await t.clerk.try('exchange.exportCases', {
      filter: { status: 'all' },
      fullIdNumbers: true,
      reason: '县局核对',
    });
    expect(!clerk.ok && clerk.error.code).toBe('FORBIDDEN');
    const none = await t.reviewer.try('exchange.exportCases', {
      filter: { status: 'all' },
      fullIdNumbers: true,
      reason: ' ',
    });
    expect(!none.ok && none.error.message).toBe('导出完整身份证号码须填写用途（至少 2 个字）');
    const out = await t.reviewer.call('exchange.exportCases', {
      filter: { status: 'all' },
      fullIdNumbers: true,
      reason: '县局核对',
    });
    expect(out.fileName).toContain('含完整身份证号码');
    const wb = await workbookOutput('救助台账导出（完整）', b64(out.data));
    expect(wb.text).toContain(fullIdNotice('县局核对'));
    expect(fullNumbersIn(wb.text, real).length).toBeGreaterThan(0);
    const entries = journal('export.cases');
    expect(entries.at(-1)).toMatchObject({ actor_name: '李审核', reason: '县局核对' });
    expect(entries.at(-1)?.after).toMatchObject({ fullIdNumbers: true, file: out.fileName });
    // The masked export made in the set-up is journalled too, with who and why.
    expect(entries[0]).toMatchObject({ actor_name: '张经办', reason: '导出名单（身份证号码已遮挡）' });
    expect(entries[0]?.after).toMatchObject({ fullIdNumbers: false });
  });

  it('the report package in the municipal full-number format: only with a purpose, written on the package', async () => {
    const { t } = c;
    const s = await t.admin.call('reports.settings', {});
    const base = { scheduleDay: s.scheduleDay, uploadUrl: null, exportFolder: null, version: s.version };
    const none = await t.admin.try('reports.saveSettings', { ...base, fullIdNumbers: true });
    expect(!none.ok && none.error.message).toBe('导出完整身份证号码须填写用途（至少 2 个字）');
    const reviewer = await t.reviewer.try('reports.saveSettings', {
      ...base,
      fullIdNumbers: true,
      fullIdPurpose: '市局格式',
    });
    expect(!reviewer.ok && reviewer.error.code).toBe('FORBIDDEN');
    await t.admin.call('reports.saveSettings', { ...base, fullIdNumbers: true, fullIdPurpose: '按市民政局格式上报' });
    const pkg = await t.clerk.call('reports.build', { month: '2025-05' });
    const zip = await t.clerk.call('reports.download', { packageId: pkg.id, file: 'zip' });
    const files = unzipSync(b64(zip.dataBase64));
    const notice = fullIdNotice('按市民政局格式上报');
    expect(strFromU8(files['含完整身份证号码-使用说明.txt'] ?? new Uint8Array())).toContain(notice);
    expect(JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array()))).toMatchObject({
      idNumbers: 'full',
      idNumbersNotice: notice,
    });
    const persons = parseCsv(strFromU8(files['persons.csv'] ?? new Uint8Array()));
    expect(persons[0]).toContain('出生日期');
    expect(fullNumbersIn(persons.map((r) => r.join(',')).join('\n'), real).length).toBeGreaterThan(0);
    const built = journal('report.build.fullId').at(-1);
    expect(built?.after).toMatchObject({ idNumbers: 'full', purpose: '按市民政局格式上报' });
    const downloads = journal('report.download');
    expect(downloads[0]).toMatchObject({ actor_name: '张经办', reason: '下载报表包' });
    expect(downloads[0]?.after).toMatchObject({ file: expect.stringMatching(/\.xlsx$/), idNumbers: 'masked' });
    const dl = downloads.at(-1);
    expect(dl).toMatchObject({
      actor_name: '张经办',
      reason: '下载报表包（含完整身份证号码，用途：按市民政局格式上报）',
    });
    expect(dl?.after).toMatchObject({ file: expect.stringMatching(/\.zip$/), to: '下载到本机', idNumbers: 'full' });
  });

  it('journals each export of a figure’s listed rows (export.trace) with the figure, the rows and the file', () => {
    const entries = journal('export.trace');
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({ actor_name: '张经办', reason: '导出报表数字的追溯明细（身份证号码已遮挡）' });
    expect(entries[0]?.after).toMatchObject({ month: '2025-05', figure: '低保、特困 persons' });
    expect(entries[0]?.after.rows).toBeGreaterThan(0);
    expect(entries[0]?.after.file).toMatch(/^追溯明细-2025-05-.*\.xlsx$/);
  });

  it('journals the rejected rows given back after an import', () => {
    const e = journal('export.rejected_rows').at(-1);
    expect(e).toMatchObject({ actor_name: '张经办', reason: '导入未通过的行，改正后重新导入' });
    expect(e?.after).toMatchObject({ source: '李四.xlsx', rows: 1 });
  });
});
