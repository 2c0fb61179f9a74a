import type { StampedRow } from '../kernel';
export type AttachmentEntity = 'households' | 'cases' | 'people' | 'facilities' | 'orgs';

export interface AttachmentsTable extends StampedRow {
  entity: AttachmentEntity;
  entity_id: string;
  name: string;
  mime: string;
  size: number;
  /** SHA-256 of the content: the file's name on disk, and its integrity check on every read. */
  sha256: string;
  note: string | null;
  voided_at: string | null;
  void_reason: string | null;
  created_by: string;
}

export interface AttachmentsTables {
  attachments: AttachmentsTable;
}
