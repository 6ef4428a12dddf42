import { defineConfig } from 'vite';

// Run as `vite build web`: the root is this folder. Preact goes through esbuild's automatic JSX
// runtime, so no Babel preset is needed.
export default defineConfig({
  base: '/',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The strict CSP forbids inline scripts; the preload polyfill would be one.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 300,
  },
});
