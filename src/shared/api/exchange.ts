// Contract slice: 导入导出 — bringing the ledgers clerks keep in Excel into the app (preview first, then import),
// the rejected rows as a workbook to fix, exports of a ledger view, and the import template of each ledger.
// Files travel as base64 so the same methods work over IPC and the loopback HTTP host.
import { z } from 'zod';
import { method } from './contract';

/**
 * Ledgers that can be imported: the case ledger (社会救助台账) and the registers 养老服务设施台账 (facilities),
 * 特殊困难老年人名册 (elderly), 社会组织名册 (orgs) and 儿童福利名册 (children).
 */
export const IMPORT_KINDS = ['cases', 'facilities', 'elderly', 'orgs', 'children'] as const;
export const importKind = z.enum(IMPORT_KINDS, {
  message:
    '导入类型应为：cases（社会救助台账）、facilities（养老服务设施）、elderly（特殊困难老年人）、orgs（社会组织）或 children（儿童福利）',
});
export type ImportKind = z.infer<typeof importKind>;
/** The registers (every kind but the case ledger): one row per record, created through the screens' methods. */
export const registerImportKind = z.enum(['facilities', 'elderly', 'orgs', 'children'], {
  message: '名册类型应为 facilities、elderly、orgs 或 children',
});

/** What each kind is called where a clerk reads it. */
export const IMPORT_KIND_TITLES: Record<ImportKind, string> = {
  cases: '社会救助台账',
  facilities: '养老服务设施台账',
  elderly: '特殊困难老年人名册',
  orgs: '社会组织名册',
  children: '儿童福利名册',
};

/** Largest file accepted (bytes); the base64 text is a third longer. */
export const MAX_IMPORT_BYTES = 48 * 1024 * 1024;

const fileInput = {
  kind: importKind,
  fileName: z.string().trim().min(1, '请选择文件').max(255, '文件名过长'),
  /** The file's bytes, base64. */
  data: z
    .string()
    .min(1, '文件为空')
    .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4, '文件超过 48 MB，请拆成几个文件分别导入'),
  /**
   * The clerk's column mapping: header text -> field key or label (身份证号码 / idNumber); an empty field ignores
   * the column. Pairs rather than an object, so a header such as “__proto__” is just text.
   */
  mapping: z
    .array(z.object({ header: z.string().max(200), field: z.string().max(50) }))
    .max(200)
    .optional(),
};

export interface ImportProblemView {
  sheet: string;
  row: number | null;
  column: string | null;
  value: string | null;
  message: string;
  severity: 'error' | 'warning';
  scope?: 'household';
}

/** Problems of one kind, for the top of the preview: “7 户：月保障金为空（第 3、9、15 行…）”. */
export interface ImportProblemGroup {
  message: string;
  severity: 'error' | 'warning';
  /** '户' when the problem is about a household field (one per household), '张工作表' for a whole sheet, else '行'. */
  unit: '户' | '行' | '张工作表';
  count: number;
  /** Sheet and row of each occurrence (at most 50 listed). */
  rows: { sheet: string; row: number | null }[];
}

export interface ImportChangeView {
  key: string;
  sheet: string;
  row: number;
  subject: string;
  field: string;
  before: string;
  after: string;
}

export interface ImportSheetView {
  name: string;
  headerRows: number[];
  columns: { column: string; header: string; field: string | null; note: string | null }[];
  dataRows: number;
  /** How households were told apart on this sheet (序号, 户号, 户主 rows, empty rows …), in the clerk's words. */
  households: string;
}

export interface ImportPreview {
  fileName: string;
  /** xls = Excel 97–2003 / WPS .et; html = a web page saved as .xls (its tables are read). */
  format: 'xlsx' | 'xls' | 'html' | 'csv';
  /** For CSV and HTML: the encoding detected (UTF-8, GB18030 …). */
  encoding: string | null;
  sheets: ImportSheetView[];
  /** The fields a column can be mapped to, for the mapping screen. */
  fields: { key: string; label: string }[];
  rows: number;
  validRows: number;
  rejectedRows: number;
  /** Households the accepted rows describe (a second case of one household counts once). */
  households: number;
  /** Distinct people in the accepted rows. */
  persons: number;
  /** Ledger records the accepted rows make or match (cases, for the case ledger). */
  records: number;
  /** The registers (not the case ledger): the kind, what a record is counted as (家设施/人 …), new and unchanged. */
  kind?: ImportKind;
  recordUnit?: string;
  newRecords?: number;
  unchangedRecords?: number;
  newPeople: number;
  newHouseholds: number;
  newCases: number;
  unchangedCases: number;
  /** Problems in sheet/row order; at most 2,000 are listed (problemCount has them all). */
  problems: ImportProblemView[];
  problemCount: number;
  errorCount: number;
  /** The problems grouped by kind, errors first, largest groups first (follow-on “同户…未导入” lines left out). */
  problemGroups: ImportProblemGroup[];
  /** Changes to records already in the ledger; applied only when accepted. At most 5,000 are listed. */
  changes: ImportChangeView[];
  changeCount: number;
}

export interface ImportResult {
  preview: ImportPreview;
  people: number;
  households: number;
  cases: number;
  /** Registers: records created. */
  records?: number;
  changesApplied: number;
  changesSkipped: number;
  /** Accepted changes to existing cases kept in the batch until a reviewer confirms it. */
  changesPending: number;
  rejectedRows: number;
  /**
   * The batch a reviewer other than the importer must confirm before the import's cases count on the payment roll
   * and in the month's figures (exchange.confirmBatch); null when the import counts at once (初始导入, or no case
   * created or changed).
   */
  batch: { id: string; no: number; status: 'pending' } | null;
}

export interface FileOutput {
  fileName: string;
  /** base64 of the file's bytes. */
  data: string;
  rows: number;
}

export const caseExportFilter = z.object({
  villageId: z.string().optional(),
  category: z
    .enum(['dibao', 'tekun', 'bianyuan', 'linshi', 'gangxing', 'canji_living', 'canji_care', 'guer', 'wurenfuyang'])
    .optional(),
  area: z.enum(['urban', 'rural']).optional(),
  /** 'active' = 在保 (the default), 'stopped' = 已停保, 'all' = both (cases still in process are not exported). */
  status: z.enum(['active', 'stopped', 'all']).optional(),
  /** Name, pinyin initials or ID number (any part). */
  search: z.string().trim().max(40).optional(),
});
export type CaseExportFilter = z.infer<typeof caseExportFilter>;

export const exchangeApi = {
  /** Reads the file and shows what an import would do: problems by sheet/row/column, new records, changes. */
  'exchange.previewImport': method<ImportPreview>()({ input: z.object(fileInput), access: 'clerk' }),
  /**
   * Imports in one transaction. With rejected rows nothing is written unless `partial`; changes to existing
   * records are applied only when their keys are in `accept` (or accept = 'all').
   */
  'exchange.import': method<ImportResult>()({
    input: z.object({
      ...fileInput,
      partial: z.boolean().optional(),
      accept: z.union([z.literal('all'), z.array(z.string().max(200)).max(100_000)]).optional(),
      /** Required when the import changes a month whose report was made final (journalled; the month is flagged). */
      correctionReason: z.string().trim().max(500).optional(),
    }),
    access: 'clerk',
    write: true,
  }),
  /** The rejected rows with a 问题 column, ready to fix and import again. */
  'exchange.rejectedRows': method<FileOutput>()({ input: z.object(fileInput), access: 'clerk' }),
  /**
   * The case ledger as the clerk filters it, as .xlsx; ID numbers masked. Full ID numbers only for a reviewer or
   * administrator who states the purpose (2+ characters): written on the file and journalled.
   */
  'exchange.exportCases': method<FileOutput>()({
    input: z.object({
      filter: caseExportFilter,
      fullIdNumbers: z.boolean().optional(),
      reason: z.string().trim().max(200, '用途不能超过 200 字').optional(),
    }),
    access: 'clerk',
  }),
  /**
   * A register's active records as .xlsx with the import template's columns (so the file imports back unchanged).
   * ID numbers masked; full numbers as for the case export (reviewer or administrator, with a purpose).
   */
  'exchange.exportRegister': method<FileOutput>()({
    input: z.object({
      kind: registerImportKind,
      fullIdNumbers: z.boolean().optional(),
      reason: z.string().trim().max(200, '用途不能超过 200 字').optional(),
    }),
    access: 'clerk',
  }),
  /** An empty workbook with the ledger's columns and notes on how to fill them. */
  'exchange.template': method<FileOutput>()({ input: z.object({ kind: importKind }), access: 'clerk' }),
};
