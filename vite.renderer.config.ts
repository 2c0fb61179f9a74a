// Builds the renderer alone (for the loopback HTTP host and the end-to-end suite); electron.vite.config.ts builds the
// same renderer for the Electron app, with the same chunking (rendererChunks).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

/**
 * How the renderer's JavaScript is split (issue 17, docs/DECISIONS.md "Renderer chunks"): the entry holds the shell and
 * the login screen; every page is its own lazy chunk (routes.tsx, pages/<cap>/index.tsx); the libraries go to named
 * vendor chunks — React, and the part of Mantine the shell needs (both loaded with the login screen, cached apart from
 * the app's own code, which changes more often), and `schemas` (zod with the API's input schemas, which the form kit
 * validates with). What only pages use (the rest of Mantine, the date pickers, the virtual list) is left to the
 * automatic splitting, so a page fetches only the pieces it uses (one `mantine-pages` chunk of all the rest was 55 kB
 * more for 工作台).
 */
export const rendererChunks = {
  groups: [
    { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
    {
      name: 'mantine',
      test: /node_modules[\\/](@mantine|@floating-ui|dayjs|react-number-format|react-remove-scroll[^\\/]*|react-style-singleton|use-callback-ref|use-sidecar|react-transition-group|react-textarea-autosize|clsx|tslib|get-nonce|detect-node-es|dom-helpers|@babel[\\/]runtime)[\\/]/,
      tags: ['$initial' as const],
      priority: 2,
    },
    // The form kit validates with the API's own input schemas (zod): fetched with the first page that has a form.
    { name: 'schemas', test: /node_modules[\\/]zod[\\/]|src[\\/]shared[\\/]api[\\/]/, priority: 1 },
  ],
};

export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    rolldownOptions: { output: { codeSplitting: rendererChunks } },
  },
});
