// `npm run test:export`: runs exported PyTorch modules in Debian's python3-torch
// (/usr/bin/python3, or $DIFFLAB_PYTHON). Not part of `npm test`, which needs only Node.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/export/**/*.spec.ts'],
    testTimeout: 300_000,
    pool: 'threads',
  },
});
