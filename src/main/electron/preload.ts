// The preload (sandboxed, context-isolated): exposes exactly one function, `window.ledger.call`, and never
// ipcRenderer itself. Both call shapes are accepted — call({ method, input, session }) as src/renderer/api.ts uses it,
// and call(method, input, session) — and both send only those three fields over the one channel.
import { contextBridge, ipcRenderer } from 'electron';

// Kept literal here (not imported) so the sandboxed preload bundle stays a single small file; equals IPC_CHANNEL.
const CHANNEL = 'ledger:call';

function call(methodOrRequest: unknown, input?: unknown, session?: unknown): Promise<unknown> {
  const req =
    typeof methodOrRequest === 'string'
      ? { method: methodOrRequest, input, session }
      : (methodOrRequest as { method?: unknown; input?: unknown; session?: unknown } | null);
  return ipcRenderer.invoke(CHANNEL, {
    method: typeof req?.method === 'string' ? req.method : '',
    input: req?.input,
    session: typeof req?.session === 'string' ? req.session : undefined,
  });
}

contextBridge.exposeInMainWorld('ledger', Object.freeze({ call }));
