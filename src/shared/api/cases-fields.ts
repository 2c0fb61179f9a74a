// The cases slice's input pieces shared by its method tables (cases.ts, cases-people.ts, cases-rolls.ts).
import { z } from 'zod';
import { date, fen, id, month, paging as pagingOf, reason as reasonField, version } from './fields';
import { categories } from './cases-values';

export const category = z.enum(categories, { message: '请选择保障类别' });
export const area = z.enum(['urban', 'rural'], { message: '请选择城市或农村' });
export const reason = reasonField();
export const optText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`).nullish();
export const paging = pagingOf(500, 50);
/** For a write touching a month whose report is final (issue 4): the correction reason. */
export const lockReason = z.string().trim().max(500).nullish();
/** A bank or 一卡通 account number: digits (spaces allowed), 6 to 40. */
const accountNo = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^[0-9 ]{6,40}$/, `${what}应为数字`)
    .nullish();

export type { Page } from './fields';

// ---------- people & households ----------

export const personInput = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名不能超过 40 个字'),
  idNumber: z.string().trim().min(1, '请填写身份证号码').max(30, '身份证号码过长').nullish(),
  /** Only if entered separately: cross-checked against the ID number. */
  sex: z.enum(['M', 'F'], { message: '性别应为男或女' }).nullish(),
  birthDate: date('出生日期').nullish(),
  hukouType: area.nullish(),
  phone: optText(30),
  disabilityType: z
    .enum(['视力', '听力', '言语', '肢体', '智力', '精神', '多重'], { message: '残疾类别不正确' })
    .nullish(),
  disabilityGrade: z.number().int().min(1, '残疾等级为一至四级').max(4, '残疾等级为一至四级').nullish(),
  disabilityCert: optText(40),
  labourCapacity: z.enum(['full', 'partial', 'none'], { message: '劳动能力不正确' }).nullish(),
  health: z.enum(['healthy', 'chronic', 'serious'], { message: '健康状况不正确' }).nullish(),
  bankName: optText(60),
  bankAccount: accountNo('银行账号'),
  cardAccount: accountNo('一卡通账号'),
  remark: optText(500),
});
export type PersonInput = z.input<typeof personInput>;

export const relation = z.enum(['户主', '配偶', '子', '女', '父亲', '母亲', '孙子女', '兄弟姐妹', '其他'], {
  message: '请选择与户主关系',
});

export const householdFields = {
  villageId: id,
  hukouType: area,
  address: optText(200),
  phone: optText(30),
  /** 家庭年总收入 (authoritative); per-capita is computed from it once. */
  annualIncomeFen: fen('家庭年收入'),
  assetsNote: optText(1000),
  povertyCause: z.enum(['illness', 'disability', 'education', 'disaster', 'no_labour', 'other']).nullish(),
  bankName: optText(60),
  bankAccount: accountNo('银行账号'),
};

export const standardInput = z.object({
  category: z.enum(['dibao', 'tekun', 'bianyuan', 'gangxing', 'canji_living', 'canji_care', 'guer', 'wurenfuyang'], {
    message: '请选择保障类别',
  }),
  area,
  effectiveMonth: month('起始月份'),
  standardFen: fen('低保标准').optional(),
  method: z.enum(['gap', 'band']).optional(),
  bands: z
    .array(
      z.object({
        code: z.string().trim().min(1, '请填写档次代码'),
        label: z.string().trim().min(1),
        perPersonFen: fen('档次金额'),
      }),
    )
    .optional(),
  supplements: z
    .object({
      elderlyFen: fen('老年人施保金'),
      minorFen: fen('未成年人施保金'),
      severeDisabilityFen: fen('重度残疾人施保金'),
      seriousIllnessFen: fen('重病患者施保金'),
    })
    .optional(),
  basicFen: fen('基本生活标准').optional(),
  careFen: z.object({ full: fen('全护理标准'), partial: fen('半护理标准'), none: fen('全自理标准') }).optional(),
  monthlyFen: fen('月标准').optional(),
  grade1Fen: fen('一级标准').optional(),
  grade2Fen: fen('二级标准').optional(),
  otherFen: fen('其他等级标准').optional(),
  centralizedFen: fen('集中养育标准').optional(),
  dispersedFen: fen('社会散居标准').optional(),
});

export const deadlineInput = z.object({
  investigateDays: z.number().int().min(1).max(60),
  townshipDays: z.number().int().min(1).max(90),
  publicity: z.object({ days: z.number().int().min(1).max(30), working: z.boolean() }).nullable(),
  countyDays: z.number().int().min(1).max(90),
  overallDays: z.number().int().min(1).max(180),
  overallSpecialDays: z.number().int().min(1).max(180),
});

export const caseRef = { id, version };
