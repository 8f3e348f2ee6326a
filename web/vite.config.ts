/**
 * Vite configuration of the browser playground (`web/`). The page imports the library by its
 * package name, aliased here to the TypeScript sources so the playground always runs the code of
 * this checkout. Vite turns the library's `new URL('../../build/imbalanced.wasm', import.meta.url)`
 * into an emitted asset, so the page and its worker fetch the `.wasm` by URL with no extra setup.
 *
 * Build: `vite build --config web/vite.config.ts` (writes web/dist/index.html and its assets).
 * Dev:   `vite --config web/vite.config.ts`.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  // Relative asset URLs: web/dist works from any folder of any static server.
  base: './',
  resolve: {
    alias: { 'imbalanced-wasm': here('../src/index.ts') },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    // The library's entry uses top-level await to load WebAssembly.
    target: 'es2022',
    // Only the playground: web/static.html is the no-bundler check and imports ../dist directly.
    rollupOptions: { input: { index: here('index.html'), scale: here('scale.html') } },
  },
  // Module workers keep top-level await and code splitting (the default 'iife' would not).
  worker: { format: 'es' },
  server: { fs: { allow: [here('..')] } },
});
