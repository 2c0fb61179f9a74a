// Contract slice: 导入待确认 — an import by a clerk that creates or changes paying cases is a batch; a reviewer
// other than the importer confirms it (then its cases count on the payment roll and in the month's figures) or
// rejects it with a reason (then its new cases are withdrawn and its changes dropped). docs/IMPORT.md.
import { z } from 'zod';
import { method } from './contract';
import type { Category } from './cases';
import { id, paging, reason, version, type Page } from './fields';

export type ImportBatchStatus = 'pending' | 'confirmed' | 'rejected';

/** What a batch holds, as the confirmation screen shows it. */
export interface ImportBatchSummary {
  /** Households with a new case in the batch. */
  households: number;
  /** People covered by the new cases. */
  persons: number;
  /** New cases. */
  cases: number;
  /** Of which already stopped in the file (history, paid in past months only). */
  stoppedCases: number;
  /** Monthly amount of the new cases in payment (在保), in fen. */
  monthlyFen: number;
  /** 临时救助 grants of the batch, in fen. */
  grantFen: number;
  /** Changes to cases already in the ledger (applied on confirmation). */
  changes: number;
  /** Earliest month a new case is paid in (or a grant is made in); null when the batch only changes cases. */
  fromMonth: string | null;
  byCategory: { category: Category; cases: number; monthlyFen: number; grantFen: number }[];
}

export interface ImportBatchView {
  id: string;
  no: number;
  kind: string;
  fileName: string;
  status: ImportBatchStatus;
  importedByName: string;
  importedAt: string;
  /** True when the caller imported this batch (and so cannot confirm it). */
  mine: boolean;
  summary: ImportBatchSummary;
  correctionReason: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  version: number;
}

/** One new case of a batch, for the reviewer to look through before confirming. */
export interface ImportBatchCaseView {
  caseId: string;
  householdId: string;
  name: string | null;
  villageName: string;
  category: Category;
  status: 'active' | 'stopped' | 'withdrawn' | string;
  startMonth: string | null;
  stopMonth: string | null;
  monthlyAmountFen: number | null;
  grantAmountFen: number | null;
  persons: number;
}

export const batchesApi = {
  /** Import batches, newest first; `status` 'pending' (the default) lists those waiting for a reviewer. */
  'exchange.batches': method<Page<ImportBatchView>>()({
    input: z.object({
      status: z.enum(['pending', 'confirmed', 'rejected', 'all']).optional(),
      /** The batch's number (1, 2 …) or id: that batch only. */
      batch: z.string().trim().max(64).optional(),
      ...paging(200, 50),
    }),
    access: 'clerk',
  }),
  /** The new cases of one batch (masked nothing: names and villages only). */
  'exchange.batchCases': method<Page<ImportBatchCaseView>>()({
    input: z.object({ id, ...paging(500, 100) }),
    access: 'clerk',
  }),
  /** A reviewer other than the importer confirms the batch: its cases count from now on. */
  'exchange.confirmBatch': method<ImportBatchView>()({
    input: z.object({
      id,
      version,
      /** Needed when a month the batch touches was made final after the import (journalled; month flagged). */
      correctionReason: z.string().trim().max(500).optional(),
    }),
    access: 'reviewer',
    write: true,
  }),
  /** A reviewer rejects the batch with a reason: its new cases are withdrawn, its changes dropped. */
  'exchange.rejectBatch': method<ImportBatchView>()({
    input: z.object({ id, version, reason: reason('驳回原因', 500) }),
    access: 'reviewer',
    write: true,
  }),
};
