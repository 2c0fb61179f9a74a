// Household boundaries on a ledger laid out as offices print it (issue 13): a title and a unit line above the header
// on row 3, a 合计 row and a signature line (制表人：… 审核人：… 制表日期：…) typed across the columns under the table,
// a 序号 column printed but never filled. Households are generated here (invented people, ID numbers with the unused
// address code 321299), several neighbours sharing the head's name, and the ledger must hold each one as generated.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeId } from '../../fixtures/make-fixtures';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
});
afterEach(async () => {
  await t.close();
});

interface Member {
  name: string;
  id: string;
  relation: string;
}
const SURNAMES = ['王', '李', '张', '刘', '陈'];
const GIVEN = ['建国', '秀英', '国强', '桂兰', '小明', '春花'];

/** `n` households of 1–3 members; every 4th household's head has the same name as the head before it. */
function generate(n: number): Member[][] {
  const out: Member[][] = [];
  let seq = 0;
  for (let h = 0; h < n; h++) {
    const prev = out[h - 1]?.[0]?.name;
    const headName = h % 4 === 3 && prev ? prev : `${SURNAMES[h % 5]}${GIVEN[h % 6]}`;
    const size = 1 + (h % 3);
    const members: Member[] = [];
    for (let m = 0; m < size; m++) {
      seq++;
      const birth = `19${50 + (seq % 40)}-0${1 + (seq % 9)}-1${seq % 10}`;
      members.push({
        name: m === 0 ? headName : `${SURNAMES[(h + m) % 5]}${GIVEN[(h + m + 2) % 6]}`,
        id: fakeId(birth, seq % 1000),
        relation: m === 0 ? (h % 2 ? '户主' : '本人') : m === 1 ? '配偶' : '子',
      });
    }
    out.push(members);
  }
  return out;
}

/** The printed ledger: title, unit line, header on row 3, data, 合计, then the signature line. */
async function printedLedger(hs: Member[][], opts: { seqFilled: boolean; relation: boolean; blankRows: boolean }) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('低保花名册');
  ws.addRow(['城东街道 2024 年 3 月城乡低保花名册']);
  ws.addRow(['填报单位：城东街道社会事务办（盖章）', null, null, null, null, null, null, '单位：元']);
  const rel = (m: Member) => (opts.relation ? [m.relation] : []);
  ws.addRow([
    '序号',
    '村（居）',
    '户主姓名',
    '姓名',
    ...(opts.relation ? ['与户主关系'] : []),
    '身份证号码',
    '保障类别',
    '月保障金（元）',
    '享受起始时间',
  ]);
  let persons = 0;
  hs.forEach((members, i) =>
    members.forEach((m, j) => {
      persons++;
      const first = j === 0;
      ws.addRow([
        opts.seqFilled && first ? i + 1 : null,
        '花园村',
        members[0]?.name,
        m.name,
        ...rel(m),
        m.id,
        first ? '农村低保' : null,
        first ? 300 * members.length : null,
        first ? '2023-05' : null,
      ]);
      if (opts.blankRows && j === members.length - 1) ws.addRow([]);
    }),
  );
  ws.addRow(['合计', null, `${hs.length}户`, `${persons}人`]);
  // Typed across the columns: under 户主姓名, 姓名 and 身份证号码 as often as not.
  ws.addRow([
    '制表人：张经办',
    null,
    '审核人：李审核',
    '分管领导：',
    ...(opts.relation ? [null] : []),
    '制表日期：2024年3月30日',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** Each household of the ledger as its members' ID numbers, sorted. */
function ledgerHouseholds(): string[] {
  const rows = t.core.ledger.raw
    .prepare(
      `SELECT m.household_id AS h, p.id_number AS id FROM household_members m JOIN people p ON p.id = m.person_id`,
    )
    .all() as { h: string; id: string }[];
  const by = new Map<string, string[]>();
  for (const r of rows) by.set(r.h, [...(by.get(r.h) ?? []), r.id]);
  return [...by.values()].map((ids) => ids.sort().join(',')).sort();
}
const expected = (hs: Member[][]): string[] =>
  hs
    .map((m) =>
      m
        .map((x) => x.id)
        .sort()
        .join(','),
    )
    .sort();

describe('a printed ledger: title, header on row 3, 合计 and signature lines', () => {
  it('the signature line is skipped, not read as a person of the last household', async () => {
    const hs = generate(24);
    const data = await printedLedger(hs, { seqFilled: true, relation: true, blankRows: false });
    const p = await t.admin.call('exchange.previewImport', { kind: 'cases', fileName: '花名册.xlsx', data });
    expect(p.errorCount).toBe(0);
    expect(p.households).toBe(24);
    expect(p.sheets[0]?.headerRows).toEqual([3]);
    const skipped = p.problems.filter((x) => x.severity === 'warning').map((x) => x.message);
    expect(skipped).toEqual(['合计行，已跳过', '落款或说明行（制表人、审核人、日期等），不是数据行，已跳过']);
    await t.admin.call('exchange.import', { kind: 'cases', fileName: '花名册.xlsx', data });
    expect(ledgerHouseholds()).toEqual(expected(hs));
  });

  it('a 序号 column never filled: households by the 户主 rows, and the preview says the 序号 was not used', async () => {
    const hs = generate(30);
    const data = await printedLedger(hs, { seqFilled: false, relation: true, blankRows: false });
    const p = await t.admin.call('exchange.previewImport', { kind: 'cases', fileName: '花名册.xlsx', data });
    expect(p.errorCount).toBe(0);
    expect(p.problems.filter((x) => x.message.includes('户主'))).toEqual([]);
    expect(p.sheets[0]?.households).toBe(
      '“序号”列全部为空，不用于分户；按“与户主关系”为户主的行分户；“户主姓名”只用于核对',
    );
    await t.admin.call('exchange.import', { kind: 'cases', fileName: '花名册.xlsx', data });
    expect(ledgerHouseholds()).toEqual(expected(hs));
  });

  it('a 序号 column never filled, no 与户主关系: households by the empty rows, same-name heads kept apart', async () => {
    const hs = generate(30);
    const data = await printedLedger(hs, { seqFilled: false, relation: false, blankRows: true });
    const p = await t.admin.call('exchange.previewImport', { kind: 'cases', fileName: '花名册.xlsx', data });
    expect(p.errorCount).toBe(0);
    expect(p.sheets[0]?.households).toBe('“序号”列全部为空，不用于分户；按“户主姓名”的变化和空行分户');
    await t.admin.call('exchange.import', { kind: 'cases', fileName: '花名册.xlsx', data });
    expect(ledgerHouseholds()).toEqual(expected(hs));
  });
});

describe('a printed register: the signature line under the table', () => {
  it('is skipped in a register too, also when 审核人 was typed under 姓名 and the date under 身份证号码', async () => {
    const people = Array.from({ length: 5 }, (_, i) => [
      i + 1,
      `周${GIVEN[i]}`,
      fakeId(`194${i}-03-0${i + 1}`, 40 + i),
    ]);
    const data = await printedRegister([
      ['城东街道特殊困难老年人名册'],
      ['序号', '老人姓名', '公民身份号码', '所在村(居)', '困难类型'],
      ...people.map((p) => [...p, '花园村', '独居']),
      ['填表人：张经办', '审核人：李审核', '填表日期：2024年3月1日'],
    ]);
    const p = await t.clerk.call('exchange.previewImport', { kind: 'elderly', fileName: '名册.xlsx', data });
    expect(p.errorCount).toBe(0);
    expect(p.validRows).toBe(5);
    expect(p.problems.map((x) => [x.row, x.message])).toEqual([
      [8, '落款或说明行（制表人、审核人、日期等），不是数据行，已跳过'],
    ]);
  });
});

async function printedRegister(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
