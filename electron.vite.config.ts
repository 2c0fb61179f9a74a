// Builds the Electron app: main (src/main/electron/main.ts -> out/main/index.js, ES module), the sandboxed preload
// (-> out/preload/index.cjs: a sandboxed preload must be one CommonJS file) and the renderer (src/renderer ->
// out/renderer, the same output vite.renderer.config.ts gives the HTTP host).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { rendererChunks } from './vite.renderer.config';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // better-sqlite3 (native), kysely, zod … stay in node_modules, where electron-builder rebuilds the native one.
      externalizeDeps: true,
      // ledger-worker: the worker thread that package builds and comparisons run in (src/main/ledger/work/offthread.ts
      // looks for it beside the bundle).
      rollupOptions: {
        input: {
          index: resolve(root, 'src/main/electron/main.ts'),
          'ledger-worker': resolve(root, 'src/main/ledger-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(root, 'src/main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 3000,
      rollupOptions: {
        input: { index: resolve(root, 'src/renderer/index.html') },
        // The same chunks as vite.renderer.config.ts builds for the HTTP host (issue 17).
        output: { codeSplitting: rendererChunks },
      },
    },
  },
});
