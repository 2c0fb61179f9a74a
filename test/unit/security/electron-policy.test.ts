// The Electron shell's security decisions (src/main/electron/policy.ts), tested as the pure functions they are:
// which frames may call the API, where the page may navigate, which links open outside, which files app:// serves.
import { join } from 'node:path';
import { expect, test } from 'vitest';
import {
  APP_ENTRY_URL,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isTrustedSender,
  resolveAppFile,
  toApiRequest,
} from '../../../src/main/electron/policy';

test('IPC is answered only for our own page’s main frame', () => {
  expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: true })).toBe(true);
  expect(isTrustedSender({ url: 'app://ledger/index.html#/cases', isMainFrame: true })).toBe(true);
  // A sub-frame of our page, another scheme, another host, file://, lookalikes, or no frame at all: refused.
  for (const frame of [
    { url: APP_ENTRY_URL, isMainFrame: false },
    { url: 'file:///opt/civil-ledger/resources/app.asar/out/renderer/index.html', isMainFrame: true },
    { url: 'https://ledger/index.html', isMainFrame: true },
    { url: 'app://evil/index.html', isMainFrame: true },
    { url: 'app://ledger.evil.cn/index.html', isMainFrame: true },
    { url: 'app://user:pw@ledger/index.html', isMainFrame: true },
    { url: 'http://127.0.0.1:5173/', isMainFrame: true },
    { url: 'about:blank', isMainFrame: true },
    { url: '', isMainFrame: true },
    { url: 'not a url', isMainFrame: true },
  ]) {
    expect(isTrustedSender(frame), JSON.stringify(frame)).toBe(false);
  }
  expect(isTrustedSender(null)).toBe(false);
  expect(isTrustedSender(undefined)).toBe(false);
});

test('the page may move only within itself', () => {
  expect(isAllowedNavigation('app://ledger/index.html#/settings')).toBe(true);
  for (const url of [
    'https://www.mca.gov.cn/',
    'file:///etc/passwd',
    'app://other/',
    'javascript:alert(1)',
    'data:text/html,x',
  ]) {
    expect(isAllowedNavigation(url), url).toBe(false);
  }
});

test('only allow-listed official https sites open in the system browser', () => {
  expect(isAllowedExternalUrl('https://www.mca.gov.cn/n152/index.html')).toBe(true);
  for (const url of [
    'http://www.mca.gov.cn/',
    'https://www.mca.gov.cn.evil.com/',
    'https://evil.com/?https://www.mca.gov.cn/',
    'https://user@www.mca.gov.cn/',
    'https://www.mca.gov.cn:8443/',
    'file:///C:/Windows/System32/calc.exe',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'not a url',
  ]) {
    expect(isAllowedExternalUrl(url), url).toBe(false);
  }
});

test('app:// serves files inside the renderer folder only', () => {
  const root = join('/opt', 'app', 'out', 'renderer');
  expect(resolveAppFile(root, 'app://ledger/index.html')).toBe(join(root, 'index.html'));
  expect(resolveAppFile(root, 'app://ledger/assets/index-1.js')).toBe(join(root, 'assets', 'index-1.js'));
  expect(resolveAppFile(root, 'app://ledger/')).toBe(join(root, 'index.html'));
  expect(resolveAppFile(root, 'app://ledger/cases/list')).toBe(join(root, 'index.html')); // a route, not a file
  for (const url of [
    'app://ledger/../../main/index.js',
    'app://ledger/%2e%2e/%2e%2e/main/index.js',
    'app://ledger/..%2f..%2fmain%2findex.js',
    'app://ledger/assets/%00.js',
    'app://ledger/%E0%A4%A.js',
    'app://other/index.html',
    'file:///opt/app/out/renderer/index.html',
  ]) {
    const file = resolveAppFile(root, url);
    expect(file === null || file.startsWith(root), `${url} -> ${file}`).toBe(true);
    if (url.includes('main')) expect(file === null || !file.includes(join('out', 'main')), url).toBe(true);
  }
  expect(resolveAppFile(root, 'app://other/index.html')).toBeNull();
  expect(resolveAppFile(root, 'app://ledger/assets/%00.js')).toBeNull();
});

test('only method, input and session cross the IPC boundary, with their types', () => {
  expect(toApiRequest({ method: 'auth.me', input: { a: 1 }, session: 's', extra: 'x' })).toEqual({
    method: 'auth.me',
    input: { a: 1 },
    session: 's',
  });
  expect(toApiRequest(null)).toEqual({ method: '', input: undefined, session: undefined });
  expect(toApiRequest({ method: 42, session: {} })).toEqual({ method: '', input: undefined, session: undefined });
  expect(toApiRequest('users.list')).toEqual({ method: '', input: undefined, session: undefined });
});
