import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** KaTeX's stylesheet lists each font as woff2, woff and ttf; every browser the page supports takes woff2, so only those are shipped. */
function katexWoff2Only(): Plugin {
  return {
    name: 'katex-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/katex(\.min)?\.css$/.test(id)) return null;
      return code.replace(/,\s*url\([^)]*\.(?:woff|ttf)\)\s*format\(["'](?:woff|truetype)["']\)/g, '');
    },
  };
}

// The page imports the library by its public names (`difflab`, `difflab/render`),
// resolved to the source entries so the dev server and the build need no prior library build.
export default defineConfig({
  root: here('.'),
  base: './',
  resolve: {
    alias: [
      { find: /^difflab$/, replacement: here('../src/index.ts') },
      { find: /^difflab\/render$/, replacement: here('../src/render/index.ts') },
    ],
  },
  plugins: [katexWoff2Only()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  worker: { format: 'es' },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: { port: Number(process.env.PORT ?? 5173) },
  preview: { port: Number(process.env.PORT ?? 5173), host: 'localhost' },
});
