// 上报/报送: sends a final package's archive to the municipal address from the settings (HTTPS only, retried, the
// answer kept as the receipt), or saves a copy of the workbook and archive to the export folder (a USB drive).
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { DeliveryView } from '../../../shared/api/reports';
import { LedgerError, notFound, rule } from '../../../shared/errors';
import { newId, nowIso } from '../ids';
import type { ReportDeliveriesTable } from '../periods';
import type { ReportEnv } from './package';
import { reportSettings } from './settings';

export interface UploadOptions {
  /** Tests only: accept http://127.0.0.1 (a local test server). Production requires https. */
  allowLoopbackHttp?: boolean;
  attempts?: number;
  /** Wait before retry n (1-based): backoffMs * 3^(n-1). */
  backoffMs?: number;
  timeoutMs?: number;
}

export interface UploadResult {
  ok: boolean;
  attempts: number;
  httpStatus: number | null;
  receipt: string;
}

/** The upload address must be https (http only for 127.0.0.1 when a test asks for it). */
export function checkUploadUrl(raw: string, allowLoopbackHttp = false): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LedgerError('BAD_INPUT', `上报地址不是有效网址：${raw}`, { uploadUrl: '网址格式不正确' });
  }
  if (url.protocol === 'https:') return url;
  if (allowLoopbackHttp && url.protocol === 'http:' && url.hostname === '127.0.0.1') return url;
  throw new LedgerError('BAD_INPUT', '上报地址必须使用 https:// 加密连接', { uploadUrl: '必须以 https:// 开头' });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function uploadArchive(
  rawUrl: string,
  body: Uint8Array,
  meta: { township: string; month: string; revision: number; sha256: string; fileName: string },
  options: UploadOptions = {},
): Promise<UploadResult> {
  const url = checkUploadUrl(rawUrl, options.allowLoopbackHttp);
  const attempts = options.attempts ?? 3;
  const backoff = options.backoffMs ?? 2000;
  let last: UploadResult = { ok: false, attempts: 0, httpStatus: null, receipt: '' };
  for (let n = 1; n <= attempts; n++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/zip',
          'x-township': meta.township,
          'x-report-month': meta.month,
          'x-report-revision': String(meta.revision),
          'x-content-sha256': meta.sha256,
          'content-disposition': `attachment; filename="${encodeURIComponent(meta.fileName)}"`,
        },
        body: new Uint8Array(body),
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      });
      const text = (await res.text()).slice(0, 2000);
      last = { ok: res.ok, attempts: n, httpStatus: res.status, receipt: text };
      if (res.ok) return last;
      // A refusal (4xx other than 408/429) will not change on retry.
      if (res.status < 500 && res.status !== 408 && res.status !== 429) return last;
    } catch (e) {
      last = { ok: false, attempts: n, httpStatus: null, receipt: `连接失败：${(e as Error).message}`.slice(0, 2000) };
    }
    if (n < attempts) await sleep(backoff * 3 ** (n - 1));
  }
  return last;
}

/** Copies a package file into `toDir` under its own name, whole or not at all (a temporary name, then a rename). */
export function copyAtomic(from: string, toDir: string): string {
  const to = join(toDir, basename(from));
  const tmp = `${to}.tmp-${process.pid}`;
  try {
    copyFileSync(from, tmp);
    renameSync(tmp, to);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return to;
}

/**
 * Delivers a package: upload when the settings name an address (final packages only), otherwise a copy to the
 * export folder. Runs outside a write transaction (the network may take minutes); the delivery row and the journal
 * entry are written when it is done.
 */
export async function deliverPackage(
  env: ReportEnv,
  packageId: string,
  options: UploadOptions = {},
): Promise<DeliveryView> {
  const pkg = await env.db.selectFrom('report_packages').selectAll().where('id', '=', packageId).executeTakeFirst();
  if (!pkg) throw notFound('该报表包');
  const settings = await reportSettings(env.db);
  const zipPath = join(env.dataDir, pkg.zip_file);
  let row: ReportDeliveriesTable;
  const at = () => nowIso(env.now());
  if (settings.uploadUrl) {
    if (pkg.status !== 'final') throw rule('只有已定稿的报表包才能上报，请先定稿');
    const summary = JSON.parse(pkg.summary) as { township: string };
    const result = await uploadArchive(
      settings.uploadUrl,
      readFileSync(zipPath),
      {
        township: summary.township,
        month: pkg.month,
        revision: pkg.revision,
        sha256: pkg.zip_sha256,
        fileName: basename(pkg.zip_file),
      },
      options,
    );
    row = {
      id: newId(),
      package_id: pkg.id,
      method: 'upload',
      target: settings.uploadUrl,
      status: result.ok ? 'ok' : 'failed',
      attempts: result.attempts,
      http_status: result.httpStatus,
      receipt: result.receipt,
      at: at(),
      by_name: env.actor.name,
    };
  } else if (settings.exportFolder) {
    if (!isAbsolute(settings.exportFolder)) throw rule('导出文件夹必须是完整路径');
    let receipt: string;
    let ok = true;
    try {
      mkdirSync(settings.exportFolder, { recursive: true });
      copyAtomic(join(env.dataDir, pkg.xlsx_file), settings.exportFolder);
      receipt = `已保存到 ${copyAtomic(zipPath, settings.exportFolder)}`;
    } catch (e) {
      ok = false;
      receipt = `保存失败：${(e as Error).message}`;
    }
    row = {
      id: newId(),
      package_id: pkg.id,
      method: 'folder',
      target: settings.exportFolder,
      status: ok ? 'ok' : 'failed',
      attempts: 1,
      http_status: null,
      receipt,
      at: at(),
      by_name: env.actor.name,
    };
  } else {
    throw rule('尚未设置市级上报地址或导出文件夹，请管理员在“报表设置”中填写');
  }
  await env.db.insertInto('report_deliveries').values(row).execute();
  await env.journal({
    action: row.method === 'upload' ? 'report.upload' : 'report.save',
    entity: 'report_packages',
    entityId: pkg.id,
    after: {
      month: pkg.month,
      revision: pkg.revision,
      status: row.status,
      httpStatus: row.http_status,
      attempts: row.attempts,
    },
  });
  return {
    id: row.id,
    method: row.method,
    target: row.target,
    status: row.status,
    attempts: row.attempts,
    httpStatus: row.http_status,
    receipt: row.receipt,
    at: row.at,
    byName: row.by_name,
  };
}
