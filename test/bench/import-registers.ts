// Workbooks of the register kinds for the import bench (import.ts): a few thousand rows each, laid out the way the
// register-import tests lay out a clerk's file (test/unit/exchange/kinds-*.test.ts), every row valid and distinct —
// made-up names, synthetic ID numbers and 统一社会信用代码 with their check characters computed.
import ExcelJS from 'exceljs';
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

const HEADERS: Record<RegisterKind, string[]> = {
  facilities: [
    '序号',
    '设施名称',
    '设施类型',
    '所属村(居)',
    '地址',
    '运营主体',
    '统一社会信用代码',
    '单位性质',
    '运营方式',
    '床位数',
    '护理型床位',
    '入住人数',
    '工作人员',
    '护理员',
    '服务内容',
    '开业时间',
  ],
  elderly: ['序号', '姓名', '性别', '身份证号', '所属村', '家庭住址', '困难类型', '风险等级', '赡养人', '赡养人电话'],
  orgs: [
    '序号',
    '组织名称',
    '组织类型',
    '统一社会信用代码',
    '登记证号',
    '登记机关',
    '业务主管单位',
    '法定代表人',
    '住所',
    '宗旨',
    '业务范围',
    '注册资金（元）',
    '会员数',
    '登记日期',
    '每届年限',
    '党组织',
    '党员人数',
  ],
  children: [
    '序号',
    '儿童姓名',
    '身份证号码',
    '所属村',
    '类别',
    '父亲情况',
    '母亲情况',
    '监护人',
    '监护人关系',
    '领款人',
    '领款人关系',
    '银行账号',
    '委托照护人',
    '认定日期',
  ],
};

function rowOf(kind: RegisterKind, i: number): unknown[] {
  const n = i + 1;
  const village = VILLAGES[i % VILLAGES.length] ?? '花园村';
  switch (kind) {
    case 'facilities':
      return [
        n,
        `${village}第${n}互助养老点`,
        '互助养老点',
        village,
        `${village}${(i % 9) + 1}组 ${n} 号`,
        `海陵区康乐养老服务中心${n}`,
        creditCode('2', `MJ${pad(n, 6)}`),
        '民非',
        '公建民营',
        10,
        2,
        6,
        4,
        2,
        '助餐、日间照料',
        '2023-05-01',
      ];
    case 'elderly': {
      const id = idOf(i, 1940);
      return [
        n,
        nameOf(i),
        Number(id[16]) % 2 === 1 ? '男' : '女',
        id,
        village,
        `${village}${(i % 9) + 1}组 ${n} 号`,
        i % 3 === 0 ? '独居、失能' : '空巢',
        i % 5 === 0 ? '高' : '',
        nameOf(i + 7),
        `139${pad(5260000 + i, 8)}`,
      ];
    }
    case 'orgs':
      return [
        n,
        `城东街道第${n}文化协会`,
        '社会团体',
        creditCode('1', `MJ${pad(n, 6)}`),
        `海民社证字第${pad(n, 4)}号`,
        '泰州市海陵区民政局',
        '城东街道办事处',
        nameOf(i),
        `东进路 ${n} 号`,
        '丰富居民精神文化生活',
        '交流、展览、培训',
        '30,000.00',
        20 + (i % 80),
        '2019-05-10',
        5,
        i % 2 === 0 ? '是' : '否',
        i % 2 === 0 ? 3 : 0,
      ];
    case 'children':
      return [
        n,
        nameOf(i),
        idOf(i, 2014),
        village,
        '留守儿童',
        '外出务工',
        '外出务工',
        '',
        '',
        '',
        '',
        '',
        nameOf(i + 11),
        '2024-03-15',
      ];
  }
}

/** An .xlsx of `rows` valid rows of the kind under its header, as a clerk's Excel writes it. */
export async function registerWorkbook(kind: RegisterKind, rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(HEADERS[kind]);
  for (let i = 0; i < rows; i++) ws.addRow(rowOf(kind, i));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
