import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Absolute path of a workspace package's TypeScript entry (the packages ship sources, not builds). */
export function packageEntry(name: string): string {
  return decodeURIComponent(new URL(`../../packages/${name}/src/index.ts`, import.meta.url).pathname);
}

export const platformAliases = {
  '@platform/schema': packageEntry('schema'),
  '@platform/form-engine': packageEntry('form-engine'),
  '@platform/condition': packageEntry('condition'),
  // Types only (the designer edits definitions); the engine itself runs on the server.
  '@platform/flow-engine': packageEntry('flow-engine'),
};

export default defineConfig({
  plugins: [react()],
  resolve: { alias: platformAliases },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      // The workspace packages' sources are pure modules (no import-time effects): a module none of whose
      // exports is used drops out. So importing evaluateFormRules or sanitizeHtml from
      // @platform/form-engine leaves validateFormDefinition and its ajv (which compiles with
      // `new Function`, refused by the CSP) out of the bundle. Everything else keeps the default
      // (undefined: node_modules still follow their package.json "sideEffects").
      treeshake: {
        moduleSideEffects: (id: string) => (/[\\/]packages[\\/][^\\/]+[\\/]src[\\/][^\\/]+/.test(id) && !/node_modules/.test(id) ? false : undefined),
      },
      output: {
        // Only what every route needs gets a named vendor chunk; antd stays split per route so the
        // login page loads just the few components it uses.
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/ },
            { name: 'vendor-data', test: /node_modules[\\/](@tanstack[\\/]query-core|@tanstack[\\/]react-query|i18next|react-i18next)[\\/]/ },
          ],
        },
      },
    },
  },
});
