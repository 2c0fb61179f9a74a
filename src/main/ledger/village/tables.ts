// The village tables kysely needs typed (the rest of the village code reads its tables with plain SQL): the review
// queue, which resolutions change through the write kernel.
export interface VillageQueueTable {
  id: string;
  copy_id: string;
  change_id: string;
  /**
   * 'conflict' (the whole change waits) | 'fields' (some fields wait, the rest applied) | 'duplicate' | 'refused' (the
   * office's handler refused it; the reason in office_values).
   */
  kind: string;
  method: string;
  entity: string | null;
  entity_id: string | null;
  village_values: string;
  office_values: string | null;
  office_changed_by: string | null;
  office_changed_at: string | null;
  status: string;
  created_at: string;
  fields: string | null;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  resolved_values: string | null;
  version: number;
  updated_at: string;
}

/** The office's register of its copies; revoking one goes through the write kernel. */
export interface VillageCopiesTable {
  id: string;
  /** JSON array of village ids. */
  villages: string;
  public_key: string;
  created_by: string;
  created_at: string;
  last_file_seq: number;
  last_file_hash: string | null;
  /** 'active' | 'revoked' */
  status: string;
  last_return_seq: number;
  last_return_at: string | null;
  acked_return_seq: number;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  version: number;
  updated_at: string;
}

export interface VillageTables {
  village_queue: VillageQueueTable;
  village_copies: VillageCopiesTable;
}
