// Contract slice: 村级副本 (issue 15, docs/EXCHANGE.md). At the office: the copies, making one, importing a village's
// change file, the review queue and its resolutions, the return file back to a copy. In a copy: its exchange state,
// exporting its change file, importing the office's return file.
import { z } from 'zod';
import { id, reason, version } from './fields';
import { method } from './contract';

export interface VillageCopyView {
  id: string;
  villageIds: string[];
  villageNames: string[];
  createdBy: string;
  createdAt: string;
  /** The last change file imported from this copy (0 = none yet), and when. */
  lastFileSeq: number;
  lastImportAt: string | null;
  /** The last return file written to this copy (0 = none yet), and when. */
  lastReturnSeq: number;
  lastReturnAt: string | null;
  /** Changes of this copy imported (or resolved) since the last return file: the copy does not know their fate yet. */
  awaitingReturn: number;
  /** 'active' | 'revoked' (停用: its files are refused). */
  status: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  version: number;
  /** Queue entries of this copy still waiting. */
  openQueue: number;
}

/** One field of a village change that waits because the office changed the same field since the village's base. */
export interface QueueFieldView {
  column: string;
  /** How a clerk names the field (户籍地址, 家庭年收入 …). */
  label: string;
  base: unknown;
  /** The office's value when the change was imported, and now (it may have moved again). */
  office: unknown;
  current: unknown;
  village: unknown;
}

export interface VillageQueueView {
  id: string;
  version: number;
  copyId: string;
  /** The copy's villages (names), for the list. */
  copyVillages: string[];
  changeId: string;
  /**
   * conflict: the whole change waits; fields: some fields wait, the rest was applied; duplicate: a possible duplicate;
   * refused: the office's rules refused it (it may be corrected and applied).
   */
  kind: 'conflict' | 'fields' | 'duplicate' | 'refused';
  method: string;
  /** How a clerk names the change (修改户信息 …). */
  methodLabel: string;
  entity: string | null;
  entityId: string | null;
  /** A name for the record (the household's head, the person), when it has one. */
  recordName: string | null;
  /** The village's change: input, author and time (as recorded in the copy, informational), file and change number. */
  villageValues: unknown;
  villageAuthor: string;
  villageAt: string;
  fileSeq: number | null;
  seq: number | null;
  /** The office record as it was when the change was queued. */
  officeValues: unknown;
  officeChangedBy: string | null;
  officeChangedAt: string | null;
  fields: QueueFieldView[];
  /** What 修改后采用 may change (not a field conflict): the change's fields, or a duplicate's name and ID number. */
  editable: { field: string; label: string; value: unknown }[];
  /** Why 修改后采用 is not offered for this entry (null when it is). */
  editNote: string | null;
  /** For a refused change: the office's reason. */
  refusal: string | null;
  status: string;
  resolution: 'village' | 'office' | 'edit' | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

/** What a ledger knows of its exchanges: in a copy, its outbox; at the office, nothing (isCopy false). */
export interface VillageStatusView {
  isCopy: boolean;
  copyId: string | null;
  villageNames: string[];
  /** Changes recorded in the copy that the office has not acknowledged yet. */
  unsent: number;
  /** Of those, changes not yet written to any change file. */
  notExported: number;
  lastFileSeq: number;
  /** The last change file the office acknowledged (0 = none yet). */
  lastAcknowledged: number;
  lastReturnSeq: number;
  /** Acknowledged changes: applied, queued for review, refused. */
  acknowledged: { applied: number; queued: number; refused: number };
}

export interface VillageImportView {
  copy: string;
  villageNames: string[];
  fileSeq: number;
  sequence: [number, number];
  applied: number;
  alreadyApplied: number;
  conflicts: number;
  refused: number;
  parallel: number;
  partial: number;
  alreadyImported: boolean;
  /** Queued and refused changes, with their reasons. */
  notes: { seq: number; result: string; message: string }[];
}

/** A file for the clerk to save: name and text. */
export interface VillageFileView {
  fileName: string;
  text: string;
  summary: string;
}

const MAX_FILE = 60 * 1024 * 1024;
const fileText = z.string().min(1, '请选择文件').max(MAX_FILE, '文件太大');

export const villageApi = {
  'village.copies': method<VillageCopyView[]>()({ input: z.object({}), access: 'reviewer' }),
  'village.queue': method<VillageQueueView[]>()({
    input: z.object({ copyId: z.string().optional(), status: z.enum(['open', 'resolved']).optional() }),
    access: 'clerk',
  }),
  /** Resolves a queue entry: take the village's values, keep the office's, or edit the waiting fields. */
  'village.resolve': method<VillageQueueView>()({
    input: z.object({
      id,
      version,
      choice: z.enum(['village', 'office', 'edit'], { message: '请选择处理方式' }),
      values: z.record(z.string(), z.unknown()).optional(),
      reason: z.string().trim().max(500).nullish(),
    }),
    access: 'reviewer',
    write: true,
  }),
  /** Makes a village copy in the ledger's data folder (村级副本/…). */
  'village.makeCopy': method<{ copyId: string; path: string; villageNames: string[]; rows: Record<string, number> }>()({
    input: z.object({
      villages: z.array(z.string().min(1)).min(1, '请选择至少一个村（社区）'),
      login: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_.-]{2,32}$/, '副本登录名应为 2–32 位字母、数字或 _ . -'),
      loginName: z.string().trim().min(1, '请填写协理员姓名').max(30),
      password: z.string().min(8, '副本登录密码至少 8 位').max(128),
    }),
    access: 'admin',
    write: true,
  }),
  /** At the office: revokes (停用) a copy — a lost laptop, a 协理员 leaving: its files are refused from now on. */
  'village.revokeCopy': method<VillageCopyView>()({
    input: z.object({ copyId: id, version, reason: reason('停用原因') }),
    access: 'admin',
    write: true,
  }),
  /** At the office: imports a village's change file (the file's text). */
  'village.import': method<VillageImportView>()({
    input: z.object({ text: fileText }),
    access: 'clerk',
    write: true,
  }),
  /** At the office: the return file for a copy (acknowledgement and the office's records of its villages). */
  'village.exportReturn': method<VillageFileView>()({
    /** full: all the villages' records even when the copy has acknowledged an earlier return file. */
    input: z.object({ copyId: id, full: z.boolean().optional() }),
    access: 'reviewer',
    write: true,
  }),
  'village.status': method<VillageStatusView>()({ input: z.object({}), access: 'clerk' }),
  /** In a copy: the change file of every unacknowledged change. */
  'village.exportChanges': method<VillageFileView>()({ input: z.object({}), access: 'clerk', write: true }),
  /** In a copy: imports the office's return file. */
  'village.importReturn': method<{ summary: string }>()({
    input: z.object({ text: fileText }),
    access: 'clerk',
    write: true,
  }),
};

/** Field names a clerk reads in the review queue (column → label). */
export const VILLAGE_FIELD_LABELS: Record<string, string> = {
  village_id: '村（社区）',
  head_person_id: '户主',
  hukou_type: '户籍类型',
  address: '地址',
  phone: '联系电话',
  annual_income_fen: '家庭年收入',
  assets_note: '财产情况',
  poverty_cause: '致贫原因',
  bank_name: '开户银行',
  bank_account: '银行账号',
  status: '状态',
  name: '姓名',
  id_number: '身份证号',
  sex: '性别',
  birth_date: '出生日期',
  disability_type: '残疾类别',
  disability_grade: '残疾等级',
  disability_cert: '残疾证号',
  labour_capacity: '劳动能力',
  health: '健康状况',
  self_care: '生活自理能力',
  card_account: '一卡通账号',
  deceased_on: '死亡日期',
  remark: '备注',
  relation: '与户主关系',
  id_number_full: '身份证号',
  hukou: '户籍',
  note: '说明',
};

/** Method names a clerk reads (the village's changes). */
export const VILLAGE_METHOD_LABELS: Record<string, string> = {
  'households.create': '新建家庭户',
  'households.update': '修改家庭户信息',
  'households.addMember': '增加家庭成员',
  'households.removeMember': '家庭成员迁出',
  'households.moveMember': '家庭成员转户',
  'households.setHead': '变更户主',
  'people.update': '修改人员信息',
  'people.recordDeath': '登记死亡',
  'people.assessSelfCare': '生活自理能力评估',
  'cases.create': '受理救助申请',
  'cases.investigate': '入户调查',
  'elderly.visits.add': '老年人探访',
  'children.visits.add': '儿童探访',
  'attachments.add': '上传附件',
};
