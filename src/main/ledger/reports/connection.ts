// 报表设置 → 测试: tries the municipal upload address (an HTTPS request with the system's certificate checks; no
// package is sent) or the export folder (creates and removes a small file). Nothing is written to the ledger.
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import { isAbsolute, join } from 'node:path';
import type { ConnectionCheck, deliveryApi } from '../../../shared/api/delivery';
import { LedgerError } from '../../../shared/errors';
import type { Handlers } from '../kernel';
import { checkUploadUrl } from './upload';

const TLS_MESSAGES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: '对方使用自签名证书，不受信任',
  SELF_SIGNED_CERT_IN_CHAIN: '对方证书链中有自签名证书，不受信任',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: '无法验证对方证书',
  CERT_HAS_EXPIRED: '对方证书已过期',
  ERR_TLS_CERT_ALTNAME_INVALID: '对方证书与网址不符',
  ENOTFOUND: '找不到该网址的服务器（域名无法解析）',
  ECONNREFUSED: '对方拒绝连接（端口未开放）',
  ECONNRESET: '连接被对方中断',
  EHOSTUNREACH: '网络不通',
  ETIMEDOUT: '连接超时',
};

export function tryUrl(raw: string, timeoutMs = 10_000, allowLoopbackHttp = false): Promise<ConnectionCheck> {
  const url = checkUploadUrl(raw, allowLoopbackHttp);
  const started = Date.now();
  return new Promise((resolve) => {
    const done = (ok: boolean, message: string, httpStatus: number | null) =>
      resolve({ ok, message, httpStatus, elapsedMs: Date.now() - started });
    // http only for a loopback test server (checkUploadUrl refuses it otherwise).
    const send = url.protocol === 'http:' ? httpRequest : request;
    const req = send(url, { method: 'HEAD', timeout: timeoutMs }, (res) => {
      res.resume();
      const s = res.statusCode ?? 0;
      // Any answer over a verified TLS connection proves the address; 5xx means the server is there but failing.
      if (s >= 500) done(false, `已连通，但对方服务器出错（HTTP ${s}），请稍后再试或联系市级系统管理员`, s);
      else done(true, `连接正常：${url.host} 已应答（HTTP ${s}），证书有效`, s);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? '';
      done(false, `无法连接 ${url.host}：${TLS_MESSAGES[code] ?? e.message}`, null);
    });
    req.end();
  });
}

export function tryFolder(folder: string): ConnectionCheck {
  const started = Date.now();
  const out = (ok: boolean, message: string): ConnectionCheck => ({
    ok,
    message,
    httpStatus: null,
    elapsedMs: Date.now() - started,
  });
  if (!isAbsolute(folder)) return out(false, '导出文件夹必须是完整路径（如 E:\\月报 或 /media/U盘/月报）');
  try {
    if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
    if (!statSync(folder).isDirectory()) return out(false, `“${folder}”不是文件夹`);
    const probe = join(folder, `.civil-ledger-test-${process.pid}`);
    writeFileSync(probe, 'test');
    rmSync(probe, { force: true });
    return out(true, `可以写入“${folder}”`);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? '没有写入权限'
        : code === 'ENOENT'
          ? '找不到该位置（U 盘是否已插入？）'
          : code === 'ENOSPC'
            ? '磁盘已满'
            : code === 'EROFS'
              ? '该位置只读'
              : (e as Error).message;
    return out(false, `无法写入“${folder}”：${why}`);
  }
}

export const deliveryHandlers: Handlers<typeof deliveryApi> = {
  'reports.testDelivery': async (_ctx, input) => {
    if (input.uploadUrl) return tryUrl(input.uploadUrl);
    if (input.exportFolder) return tryFolder(input.exportFolder);
    throw new LedgerError('BAD_INPUT', '请给出上报地址或导出文件夹之一');
  },
};
