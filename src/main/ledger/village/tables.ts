// The village tables kysely needs typed (the rest of the village code reads its tables with plain SQL): the review
// queue, which resolutions change through the write kernel.
export interface VillageQueueTable {
  id: string;
  copy_id: string;
  change_id: string;
  /** 'conflict' (the whole change waits) | 'fields' (some fields wait, the rest applied) | 'duplicate'. */
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

export interface VillageTables {
  village_queue: VillageQueueTable;
}
