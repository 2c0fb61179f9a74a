// Attachments: content-addressed files beside the ledger (<ledger>.files/attachments/ab/abcdef…), written to a
// temporary name and renamed, checked against their SHA-256 on every read. Rows are voided, never deleted.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import {
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  type AttachmentView,
  type attachmentsApi,
} from '../../../shared/api/attachments';
import { badInput, LedgerError, notFound, staleEdit } from '../../../shared/errors';
import { actorOf, camelFields, insertVersioned, updateVersioned, type Handlers, type ServiceContext } from '../kernel';
import { newId, nowIso } from '../ids';
import { findHiddenProgram } from './inspect';
import type { AttachmentEntity, AttachmentsTable } from './tables';

const ENTITY_LABEL: Record<AttachmentEntity, string> = {
  households: '该户',
  cases: '该救助对象',
  people: '该人员',
  facilities: '该养老服务设施',
  orgs: '该社会组织',
};

const attachmentFields = camelFields<AttachmentsTable>()([
  'id',
  'entity',
  'entity_id',
  'name',
  'mime',
  'size',
  'sha256',
  'note',
  'created_at',
  'void_reason',
  'version',
]);

function view(a: AttachmentsTable, createdBy: string): AttachmentView {
  return { ...attachmentFields(a), createdBy, voided: a.voided_at !== null };
}

export function attachmentPath(dataDir: string, sha256: string): string {
  return join(dataDir, 'attachments', sha256.slice(0, 2), sha256);
}

/** The file types are recognised by their first bytes too: a renamed executable is not a PDF. */
function sniffOk(ext: string, data: Buffer): boolean {
  const head = data.subarray(0, 8);
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  switch (ext) {
    case 'pdf':
      return starts(0x25, 0x50, 0x44, 0x46); // %PDF
    case 'jpg':
    case 'jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'png':
      return starts(0x89, 0x50, 0x4e, 0x47);
    case 'tif':
    case 'tiff':
      return starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a);
    case 'docx':
    case 'xlsx':
    case 'ofd':
      return starts(0x50, 0x4b, 0x03, 0x04); // zip container
    case 'doc':
    case 'xls':
      return starts(0xd0, 0xcf, 0x11, 0xe0); // OLE compound file
    default:
      return false;
  }
}

async function assertOwnerExists(ctx: ServiceContext, entity: AttachmentEntity, entityId: string): Promise<void> {
  const row = await ctx.db.selectFrom(entity).select('id').where('id', '=', entityId).executeTakeFirst();
  if (!row) throw notFound(ENTITY_LABEL[entity]);
}

async function userNames(ctx: ServiceContext, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

async function load(ctx: ServiceContext, id: string): Promise<AttachmentsTable> {
  const a = await ctx.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound('该附件');
  return a;
}

export const attachmentsHandlers: Handlers<typeof attachmentsApi> = {
  'attachments.list': async (ctx, input) => {
    let q = ctx.db
      .selectFrom('attachments')
      .selectAll()
      .where('entity', '=', input.entity)
      .where('entity_id', '=', input.entityId)
      .orderBy('created_at', 'desc');
    if (!input.includeVoided) q = q.where('voided_at', 'is', null);
    const rows = await q.execute();
    const names = await userNames(ctx, [...new Set(rows.map((r) => r.created_by))]);
    return rows.map((r) => view(r, names.get(r.created_by) ?? ''));
  },

  'attachments.add': async (ctx, input) => {
    const actor = actorOf(ctx);
    await assertOwnerExists(ctx, input.entity, input.entityId);
    const ext = extname(input.name).slice(1).toLowerCase();
    const mime = ATTACHMENT_TYPES[ext];
    if (!mime) {
      throw badInput(`不支持的附件类型“.${ext || '无扩展名'}”：可上传 PDF、JPG、PNG、TIF、Word、Excel、OFD`, {
        name: '文件类型不支持',
      });
    }
    if (input.dataBase64.length > Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4) {
      throw badInput(`附件“${input.name}”超过 20 MB，请压缩或分页扫描后再上传`);
    }
    const data = Buffer.from(input.dataBase64, 'base64');
    if (data.length === 0) throw badInput(`附件“${input.name}”是空文件`);
    if (!sniffOk(ext, data)) {
      throw badInput(`文件“${input.name}”的内容不是 .${ext} 格式（可能是改了扩展名的其他文件），未保存`);
    }
    const hidden = findHiddenProgram(data);
    if (hidden) {
      throw badInput(`附件“${input.name}”不能保存：${hidden}。附件中不允许夹带程序或脚本`, { name: '含有程序' });
    }
    const sha256 = createHash('sha256').update(data).digest('hex');
    const path = attachmentPath(ctx.host.dataDir, sha256);
    if (!existsSync(path)) {
      mkdirSync(join(path, '..'), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, data, { flush: true });
        renameSync(tmp, path);
      } catch (e) {
        rmSync(tmp, { force: true });
        const full = /ENOSPC/.test(String((e as Error).message));
        throw new LedgerError('INTERNAL', full ? '磁盘空间不足，附件未保存' : `附件写入失败：${(e as Error).message}`);
      }
    }
    const id = newId();
    const row = await insertVersioned(
      ctx,
      'attachments',
      {
        id,
        entity: input.entity,
        entity_id: input.entityId,
        name: input.name,
        mime,
        size: data.length,
        sha256,
        note: input.note ?? null,
        voided_at: null,
        void_reason: null,
        created_by: actor.id,
      },
      {
        action: 'attachment.add',
        entity: input.entity,
        entityId: input.entityId,
        after: { attachment: id, name: input.name, size: data.length, sha256 },
      },
    );
    return view(row, actor.name);
  },

  'attachments.get': async (ctx, input) => {
    const a = await load(ctx, input.id);
    const path = attachmentPath(ctx.host.dataDir, a.sha256);
    if (!existsSync(path)) throw new LedgerError('NOT_FOUND', `附件“${a.name}”的文件不见了（${path}），请从备份恢复`);
    const data = readFileSync(path);
    if (createHash('sha256').update(data).digest('hex') !== a.sha256) {
      throw new LedgerError('CONFLICT', `附件“${a.name}”的文件已被改动或损坏（校验值不符），请从备份恢复`);
    }
    await ctx.journal({
      action: 'attachment.view',
      entity: a.entity,
      entityId: a.entity_id,
      after: { attachment: a.id, name: a.name },
    });
    return { name: a.name, mime: a.mime, dataBase64: data.toString('base64') };
  },

  'attachments.void': async (ctx, input) => {
    const a = await load(ctx, input.id);
    if (a.version !== input.version) throw staleEdit(`附件“${a.name}”`);
    if (a.voided_at) throw new LedgerError('RULE', `附件“${a.name}”已作废`);
    const at = nowIso(ctx.now());
    // Journalled against the record the file belongs to, so its history shows the voided attachment.
    const next = await updateVersioned(
      ctx,
      'attachments',
      a.id,
      input.version,
      { voided_at: at, void_reason: input.reason },
      {
        action: 'attachment.void',
        what: `附件“${a.name}”`,
        reason: input.reason,
        current: a,
        at,
        entry: { entity: a.entity, entityId: a.entity_id, before: { attachment: a.id, name: a.name } },
      },
    );
    const names = await userNames(ctx, [a.created_by]);
    return view(next, names.get(a.created_by) ?? '');
  },
};
