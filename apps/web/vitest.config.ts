import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { platformAliases } from './vite.config.ts';

/**
 * Test files that keep state in modules (the region data's cache, fetch stubs) or count renders, and so
 * need a fresh module graph each. The others share one per worker: importing antd and React again for
 * every file took most of the run's time (over 8 minutes of CI on 2 cores, against about 1.5).
 */
const ISOLATED = [
  'src/hooks/use-region-data.test.tsx',
  'src/components/fields/address-input.test.tsx',
  'src/components/filter-panel.test.tsx',
  'src/components/records-grid.test.tsx',
];

export default defineConfig({
  plugins: [react()],
  resolve: { alias: platformAliases },
  test: {
    environment: 'happy-dom',
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 20000,
    projects: [
      { extends: true, test: { name: 'shared', include: ['src/**/*.test.{ts,tsx}'], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
