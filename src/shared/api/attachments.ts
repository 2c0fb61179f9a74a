// Contract slice: attachments (scanned paperwork) of households, cases, people, facilities and organizations.
import { z } from 'zod';
import { method } from './contract';
import { id, reason, version } from './fields';

export const attachmentEntities = ['households', 'cases', 'people', 'facilities', 'orgs'] as const;
export type AttachmentEntityValue = (typeof attachmentEntities)[number];

/** What a clerk may attach: scans, photos, PDFs and office documents. */
export const ATTACHMENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ofd: 'application/ofd',
};
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export interface AttachmentView {
  id: string;
  entity: AttachmentEntityValue;
  entityId: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
  voided: boolean;
  voidReason: string | null;
  version: number;
}

const entity = z.enum(attachmentEntities, { message: '附件所属对象不正确' });

export const attachmentsApi = {
  'attachments.list': method<AttachmentView[]>()({
    input: z.object({ entity, entityId: id, includeVoided: z.boolean().optional() }),
    access: 'clerk',
  }),
  'attachments.add': method<AttachmentView>()({
    input: z.object({
      entity,
      entityId: id,
      name: z.string().trim().min(1, '缺少文件名').max(200, '文件名不能超过 200 个字'),
      dataBase64: z.string().min(1, '文件是空的'),
      note: z.string().trim().max(200, '说明不能超过 200 个字').nullish(),
    }),
    access: 'clerk',
    write: true,
  }),
  /** The file's content; the hash is checked on the way out, and the view is journalled. */
  'attachments.get': method<{ name: string; mime: string; dataBase64: string }>()({
    input: z.object({ id }),
    access: 'clerk',
  }),
  /** Never deleted: voided with a reason, the file kept. */
  'attachments.void': method<AttachmentView>()({
    input: z.object({ id, version, reason: reason('作废原因') }),
    access: 'clerk',
    write: true,
  }),
};
