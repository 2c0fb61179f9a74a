// 儿童福利 tables: the register of children in difficulty (一人一档), their visits, and the township's 儿童主任 /
// 儿童督导员. Created by migration 0010_children.
import type { ChildCategoryValue, PARENT_STATUS_VALUES } from '../../../shared/api/children';
import type { RegisteredPersonRow, StampedRow, VisitRow } from '../kernel';

/** 孤儿, 事实无人抚养儿童, 困境儿童 (four kinds), 农村留守儿童: the contract's list. */
export type ChildCategory = ChildCategoryValue;

/** A parent's situation, as the rules for 孤儿 / 事实无人抚养 / 留守 read it: the contract's list. */
export type ParentStatus = (typeof PARENT_STATUS_VALUES)[number];

export interface ChildrenTable extends RegisteredPersonRow {
  /** JSON array of ChildCategory. */
  categories: string;
  father_status: ParentStatus;
  mother_status: ParentStatus;
  /** 孤儿: 集中养育 (institution) or 社会散居. */
  placement: 'family' | 'institution' | 'foster' | null;
  school: string | null;
  health: string | null;
  guardian_name: string | null;
  guardian_relation: string | null;
  guardian_phone: string | null;
  /** 领款人: who receives the child's subsidy (the guardian if able, else the actual carer or institution). */
  payee_name: string | null;
  payee_relation: string | null;
  /** Bank account of the payee, kept in full; shown masked. */
  payee_account: string | null;
  /** 委托照护 (留守 children): the entrusted adult, the date of the written entrustment. */
  carer_name: string | null;
  carer_relation: string | null;
  carer_phone: string | null;
  entrusted_on: string | null;
}

export type ChildVisitWay = 'home' | 'school' | 'phone' | 'video';

export interface ChildVisitsTable extends VisitRow<ChildVisitWay> {
  child_id: string;
  /** 强制报告: reported to 公安 (alone, missing, no guardian, abuse …). */
  forced_report: number;
}

/** 儿童主任 (one per 村/社区) and 儿童督导员 (the township's named staff). */
export interface ChildWorkersTable extends StampedRow {
  role: 'director' | 'supervisor';
  village_id: string | null;
  name: string;
  phone: string | null;
  started_on: string;
  ended_on: string | null;
}

export interface ChildrenTables {
  children: ChildrenTable;
  child_visits: ChildVisitsTable;
  child_workers: ChildWorkersTable;
}
