import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // the web page's tests import the library by its public name, from source
  resolve: { alias: [{ find: /^difflab$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts', 'web/test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'threads',
  },
});
