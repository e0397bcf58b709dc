import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { platformAliases } from './vite.config.ts';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: platformAliases },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 20000,
  },
});
