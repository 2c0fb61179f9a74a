// The IPC adapter: the Electron transport of the API. Checks who is calling (only our own page's main frame), keeps
// only the request's fields, and hands it to the same dispatcher the HTTP host uses (which validates the input).
import { ipcMain } from 'electron';
import type { ApiResponse } from '../../shared/api/contract';
import type { Dispatcher } from '../api/dispatcher';
import { IPC_CHANNEL, isTrustedSender, toApiRequest } from './policy';

const REFUSED: ApiResponse<never> = { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } };

export function registerLedgerIpc(dispatcher: Dispatcher): () => void {
  ipcMain.handle(IPC_CHANNEL, async (event, payload: unknown) => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame ? { url: frame.url, isMainFrame: frame.parent === null } : null)) return REFUSED;
    return dispatcher.dispatch(toApiRequest(payload));
  });
  return () => ipcMain.removeHandler(IPC_CHANNEL);
}
