// Tables of the register of people and households (people/): persons, households, their membership history and
// self-care assessments. Created by migrations/0002_assistance.ts with the cases' tables (cases/tables.ts).
import type { StampedRow } from '../kernel';

export type Area = 'urban' | 'rural';

export interface PeopleTable extends StampedRow {
  /** GB 11643, normalised (upper-case X, half-width); null only where the person truly has none. */
  id_number: string | null;
  /** 1 for a 15-digit legacy number (flagged for the clerk). */
  id_legacy: number;
  /** id_number reversed, for "last digits" search by index prefix; kept in step with id_number by people/. */
  id_reversed: string | null;
  name: string;
  /** Pinyin initials of the name, lower-case ("zs" for 张三), for search. */
  name_initials: string;
  sex: 'M' | 'F' | null;
  birth_date: string | null;
  hukou_type: Area | null;
  phone: string | null;
  disability_type: string | null; // 视力/听力/言语/肢体/智力/精神/多重
  disability_grade: number | null; // 1–4
  disability_cert: string | null;
  labour_capacity: 'full' | 'partial' | 'none' | null; // 有劳动能力/部分丧失/完全丧失
  health: 'healthy' | 'chronic' | 'serious' | null; // 健康/慢性病/重特大疾病
  /** 生活自理能力: latest assessment's grade (具备/部分丧失/完全丧失). */
  self_care: 'able' | 'partial' | 'unable' | null;
  bank_name: string | null;
  bank_account: string | null;
  card_account: string | null; // 一卡通
  deceased_on: string | null;
  remark: string | null;
}

export interface HouseholdsTable extends StampedRow {
  village_id: string;
  head_person_id: string | null;
  hukou_type: Area;
  address: string | null;
  phone: string | null;
  /** Household annual income in fen — authoritative; per-capita is computed from it once, rounded once. */
  annual_income_fen: number;
  assets_note: string | null;
  /** 致贫原因: illness/disability/education/disaster/no_labour/other (疾病/残疾/因学/灾害/缺乏劳动力/其他). */
  poverty_cause: string | null;
  bank_name: string | null;
  bank_account: string | null;
  status: 'active' | 'closed';
}

/** Membership history: a person belongs to at most one household at a time (left_on is null). */
export interface HouseholdMembersTable extends StampedRow {
  household_id: string;
  person_id: string;
  relation: string; // 户主/配偶/子/女/父母/孙子女/兄弟姐妹/其他
  joined_on: string;
  left_on: string | null;
  left_reason: string | null;
}

/** 生活自理能力评估 (民发〔2021〕43号 Art 20–23): six items, 1 = can do it. */
export interface SelfCareAssessmentsTable {
  id: string;
  person_id: string;
  assessed_on: string;
  assessor: string;
  eat: number;
  dress: number;
  bed: number;
  toilet: number;
  walk: number;
  bathe: number;
  grade: 'able' | 'partial' | 'unable';
  created_at: string;
}

export interface PeopleTables {
  people: PeopleTable;
  households: HouseholdsTable;
  household_members: HouseholdMembersTable;
  self_care_assessments: SelfCareAssessmentsTable;
}
