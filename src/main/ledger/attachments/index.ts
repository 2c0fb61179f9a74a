// 附件 (attachments kept beside a record): what other capabilities may use. Import it from here, never from a file inside
// (eslint checks).
export type { AttachmentsTables } from './tables';
export { attachmentPath } from './handlers';
export { attachmentsHandlers } from './handlers';
