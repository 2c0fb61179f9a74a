// Renders a component inside Mantine, with the core answered by a scripted transport (window.ledger) — the same
// seam the Electron preload uses.
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { ApiRequest, ApiResponse } from '../../src/shared/api/contract';

export type Responder = (req: ApiRequest) => ApiResponse<unknown> | Promise<ApiResponse<unknown>>;

export function withCore(responder: Responder): ApiRequest[] {
  const calls: ApiRequest[] = [];
  window.ledger = {
    call: async (req) => {
      calls.push(req);
      return responder(req);
    },
  };
  return calls;
}

export function renderUi(ui: ReactNode) {
  return render(
    <MantineProvider>
      <Notifications />
      {ui}
    </MantineProvider>,
  );
}
