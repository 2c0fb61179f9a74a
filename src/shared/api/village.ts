// Contract slice: 村级副本 (issue 15, docs/EXCHANGE.md) — what the office reads about its village copies and the
// review queue of village changes that were not applied. Making a copy and importing files are commands for now.
import { z } from 'zod';
import { method } from './contract';

export interface VillageCopyView {
  id: string;
  villageIds: string[];
  villageNames: string[];
  createdBy: string;
  createdAt: string;
  /** The last change file imported from this copy (0 = none yet). */
  lastFileSeq: number;
  lastImportAt: string | null;
  status: string;
  /** Queue entries of this copy still waiting. */
  openQueue: number;
}

export interface VillageQueueView {
  id: string;
  copyId: string;
  changeId: string;
  kind: 'conflict' | 'duplicate';
  method: string;
  entity: string | null;
  entityId: string | null;
  /** The village's change: input, author and time (as recorded in the copy). */
  villageValues: unknown;
  /** The office record as it was when the change was queued. */
  officeValues: unknown;
  officeChangedBy: string | null;
  officeChangedAt: string | null;
  status: string;
  createdAt: string;
}

export const villageApi = {
  'village.copies': method<VillageCopyView[]>()({ input: z.object({}), access: 'admin' }),
  'village.queue': method<VillageQueueView[]>()({
    input: z.object({ copyId: z.string().optional(), status: z.enum(['open', 'resolved']).optional() }),
    access: 'clerk',
  }),
};
