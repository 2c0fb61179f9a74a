// Assistance in kind and as services, and charity aid (migration 0011_aid).
import type { EnteredRow, StampedRow } from '../kernel';
export interface GoodsItemsTable extends StampedRow {
  name: string;
  unit: string;
}

/** 入库 (purchase, donation) and 出库 (to a household for a grant, or other use). Quantities in the item's unit. */
export interface GoodsMovesTable extends EnteredRow {
  item_id: string;
  kind: 'in_purchase' | 'in_donation' | 'out_grant' | 'out_other';
  quantity: number;
  unit_value_fen: number;
  on_date: string;
  /** Supplier or donor (入库); use (出库 other). */
  source: string | null;
  household_id: string | null;
  /** The assistance case (临时救助 …) a grant in goods belongs to. */
  case_id: string | null;
  note: string | null;
}

/** 服务类救助: a service given to a household (care, 心理疏导, 转介 …). */
export interface ServiceAidTable extends EnteredRow {
  household_id: string;
  case_id: string | null;
  service: string;
  provider: string;
  hours: number;
  value_fen: number;
  on_date: string;
  note: string | null;
}

/** 慈善帮扶: aid from 慈善总会, a 社区慈善基金, enterprises or individuals — never part of government figures. */
export interface CharityAidTable extends EnteredRow {
  household_id: string;
  source_kind: 'charity_federation' | 'community_fund' | 'enterprise' | 'individual' | 'other';
  source_name: string;
  form: 'cash' | 'goods';
  amount_fen: number;
  description: string | null;
  on_date: string;
  /** Decided by the income rule in force when recorded (接受捐赠收入 counts unless exempt). */
  counts_as_income: number;
  /** The household agreed that its details go to the charity (民发〔2023〕46号: only with consent). */
  referral_consent: number;
  note: string | null;
}

export interface AidTables {
  goods_items: GoodsItemsTable;
  goods_moves: GoodsMovesTable;
  service_aid: ServiceAidTable;
  charity_aid: CharityAidTable;
}
