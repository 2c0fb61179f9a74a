import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Tests are split by where they run (STYLE.md): unit = Node core and shared, ui = components in jsdom,
// e2e = Playwright driving Debian's Chromium against the loopback HTTP host.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          // Journal anchors the app keeps in the user's data folder go to a scratch folder instead.
          env: { CIVIL_LEDGER_FAST_HASH: '1', CIVIL_LEDGER_ANCHORS_DIR: join(tmpdir(), 'civil-ledger-test-anchors') },
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'ui',
          include: ['test/ui/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/ui/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
