// Tables of the exchange capability (migration 0013_import_batches).

/** An import that creates or changes paying cases, waiting for (or given) a reviewer's confirmation. */
export interface ImportBatchesTable {
  id: string;
  /** 1, 2, 3 … in import order: the number a person types. */
  no: number;
  kind: string;
  file_name: string;
  file_sha256: string;
  status: 'pending' | 'confirmed' | 'rejected';
  imported_by: string;
  imported_by_name: string;
  imported_at: string;
  /** JSON: BatchSummary (exchange/batches.ts). */
  summary: string;
  /** JSON: the import's accepted changes to existing cases (ChangeOp[]), applied on confirmation. */
  pending_changes: string;
  correction_reason: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ExchangeTables {
  import_batches: ImportBatchesTable;
}
