// The shapes a case ledger is read into (cases-households.ts groups rows into RawBlocks, cases-block.ts makes each a
// CaseBlock, cases-plan.ts compares them with the ledger) and the category rules they share.
import type { Area, CaseCategory } from '../cases';
import type { CellValue } from './cells';
import { CASE_FIELDS, type CaseField } from './fields';
import type { HeaderResult, UserMapping } from './header';
import type { ImportStatus } from './values';
import type { VillageMatcher } from './villages';

export interface MemberRow {
  sheet: string;
  row: number;
  name: string;
  idNumber: string;
  legacy: boolean;
  sex: 'M' | 'F';
  birthDate: string;
  relation: string;
}

export interface CaseBlock {
  sheet: string;
  /** Row numbers of the block, first is the household's first row. */
  rows: number[];
  villageId: string;
  villageName: string;
  headName: string;
  members: MemberRow[];
  /** Index into members of the household head. */
  head: number;
  category: CaseCategory;
  area: Area;
  singlePerson: boolean;
  supportMode: 'centralized' | 'dispersed' | null;
  careGrade: 'full' | 'partial' | 'none' | null;
  amountFen: number | null;
  baseFen: number;
  supplementFen: number;
  appliedOn: string | null;
  startMonth: string;
  stopMonth: string | null;
  stopReason: string | null;
  status: ImportStatus;
  caseNo: string | null;
  address: string | null;
  phone: string | null;
  /** The earlier block of the same file whose household this case belongs to (a second case of that household). */
  sameHouseholdAs: number | null;
}

/** Categories paid to one person rather than a household. */
export const INDIVIDUAL_CATEGORIES: ReadonlySet<CaseCategory> = new Set([
  'tekun',
  'canji_living',
  'canji_care',
  'guer',
  'wurenfuyang',
]);

/** Categories whose monthly amount may be empty (= none): 低保边缘家庭, 刚性支出困难家庭. */
export const OPTIONAL_AMOUNT_CATEGORIES: ReadonlySet<CaseCategory> = new Set(['bianyuan', 'gangxing']);

export const HOUSEHOLD_FIELDS = CASE_FIELDS.filter((f) => f.level === 'household').map((f) => f.key);
export const fieldLabel = new Map(CASE_FIELDS.map((f) => [f.key, f.label]));

export interface RawRow {
  row: number;
  cells: CellValue[];
  /** An empty row lies between this row and the sheet row above it. */
  blankBefore: boolean;
}

export interface RawBlock {
  sheet: string;
  header: HeaderResult<CaseField>;
  rows: RawRow[];
  /** How this sheet's households were told apart (shown in the preview, quoted in check messages). */
  rule: string;
  /** The sheet's category when it has no 保障类别 column and its title names one (cases-title.ts). */
  category: string | null;
}

export interface ParseOptions {
  mapping: UserMapping<CaseField>;
  villages: VillageMatcher;
  /** 'YYYY-MM-DD' for ID birth-date checks. */
  today: string;
  /** The file's name: a ledger kept per category may name its category only there. */
  fileName?: string;
}
