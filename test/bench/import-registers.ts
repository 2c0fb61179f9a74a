// Workbooks of the register kinds for the import bench (import.ts): a few thousand rows each, laid out the way the
// register-import tests lay out a clerk's file (test/unit/exchange/kinds-*.test.ts), every row valid and distinct —
// made-up names, synthetic ID numbers and 统一社会信用代码 with their check characters computed. The headers are the
// kinds' own column labels (the tests keep a clerk's wording on purpose; the bench measures, so it follows the spec).
import ExcelJS from 'exceljs';
import { REGISTER_KINDS as KINDS } from '../../src/main/ledger/exchange/kinds';
import { fakeId } from '../fixtures/make-fixtures';
import { creditCode } from '../unit/orgs/fixtures';

export type RegisterKind = 'facilities' | 'elderly' | 'orgs' | 'children';

export const REGISTER_KINDS: readonly RegisterKind[] = ['facilities', 'elderly', 'orgs', 'children'];

/** Villages of the bench's township (321202001). */
const VILLAGES = ['花园村', '丁冯村'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '建国秀英桂兰德明志强海燕玉珍文华小军立新春梅国华红霞';

const nameOf = (i: number): string =>
  `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13 + 3) % GIVEN.length]}`;
const pad = (n: number, w: number): string => String(n).padStart(w, '0');
/** A distinct birth date per 900 people from `fromYear` on (sequence numbers 100–999 within a date). */
const birthOf = (i: number, fromYear: number): string => {
  const day = Math.floor(i / 900);
  const d = new Date(Date.UTC(fromYear, 0, 1 + day * 3));
  return d.toISOString().slice(0, 10);
};
const idOf = (i: number, fromYear: number): string => fakeId(birthOf(i, fromYear), 100 + (i % 900));

/** Row `i` of the kind: each cell under the field it fills. */
function rowOf(kind: RegisterKind, i: number): Record<string, unknown> {
  const n = i + 1;
  const village = VILLAGES[i % VILLAGES.length] ?? '花园村';
  switch (kind) {
    case 'facilities':
      return {
        seq: n,
        name: `${village}第${n}互助养老点`,
        type: '互助养老点',
        village,
        address: `${village}${(i % 9) + 1}组 ${n} 号`,
        operatorName: `海陵区康乐养老服务中心${n}`,
        operatorUscc: creditCode('2', `MJ${pad(n, 6)}`),
        legalForm: '民非',
        operatingModel: '公建民营',
        bedsTotal: 10,
        bedsNursing: 2,
        bedsOccupied: 6,
        staffCount: 4,
        carerCount: 2,
        serviceItems: '助餐、日间照料',
        openedOn: '2023-05-01',
      };
    case 'elderly': {
      const id = idOf(i, 1940);
      return {
        seq: n,
        name: nameOf(i),
        sex: Number(id[16]) % 2 === 1 ? '男' : '女',
        idNumber: id,
        village,
        address: `${village}${(i % 9) + 1}组 ${n} 号`,
        categories: i % 3 === 0 ? '独居、失能' : '空巢',
        riskLevel: i % 5 === 0 ? '高' : '',
        contactName: nameOf(i + 7),
        contactPhone: `139${pad(5260000 + i, 8)}`,
      };
    }
    case 'orgs':
      return {
        seq: n,
        name: `城东街道第${n}文化协会`,
        kind: '社会团体',
        creditCode: creditCode('1', `MJ${pad(n, 6)}`),
        registrationNo: `海民社证字第${pad(n, 4)}号`,
        authority: '泰州市海陵区民政局',
        supervisor: '城东街道办事处',
        legalRep: nameOf(i),
        domicile: `东进路 ${n} 号`,
        purpose: '丰富居民精神文化生活',
        scope: '交流、展览、培训',
        capital: '30,000.00',
        members: 20 + (i % 80),
        registeredOn: '2019-05-10',
        termYears: 5,
        partyOrg: i % 2 === 0 ? '是' : '否',
        partyMembers: i % 2 === 0 ? 3 : 0,
      };
    case 'children':
      return {
        seq: n,
        name: nameOf(i),
        idNumber: idOf(i, 2014),
        village,
        categories: '留守儿童',
        fatherStatus: '外出务工',
        motherStatus: '外出务工',
        guardianName: '',
        guardianRelation: '',
        payeeName: '',
        payeeRelation: '',
        payeeAccount: '',
        carerName: nameOf(i + 11),
        registeredOn: '2024-03-15',
      };
  }
}

/**
 * An .xlsx of `rows` valid rows of the kind under its header, as a clerk's Excel writes it. The header is each
 * column's label in the kind's column spec (what its template writes), in the template's order.
 */
export async function registerWorkbook(kind: RegisterKind, rows: number): Promise<Buffer> {
  const { spec } = KINDS[kind];
  const given = Object.keys(rowOf(kind, 0));
  const columns = spec.fields.filter((f) => given.includes(f.key));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(columns.map((f) => f.label));
  for (let i = 0; i < rows; i++) {
    const row = rowOf(kind, i);
    ws.addRow(columns.map((f) => row[f.key]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
