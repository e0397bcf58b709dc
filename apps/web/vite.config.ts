import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** Absolute path of a workspace package's TypeScript entry (the packages ship sources, not builds). */
export function packageEntry(name: string): string {
  return decodeURIComponent(new URL(`../../packages/${name}/src/index.ts`, import.meta.url).pathname);
}

/** Absolute path of a file in a workspace package's sources. */
function packageFile(name: string, file: string): string {
  return decodeURIComponent(new URL(`../../packages/${name}/src/${file}`, import.meta.url).pathname);
}

/**
 * The engine validates addresses against the China region data (~70 kB), which it imports statically
 * for the server. In the browser that would sit in the engine's chunk on every records page: this swaps
 * that one module for a stand-in without the data, and `loadRegionData()` (called by the address input
 * and the address filters) fetches the data as a chunk of its own the first time it is needed.
 */
function regionDataOnDemand(): Plugin {
  const bundled = packageFile('form-engine', 'regions/bundled-region-data.ts');
  const standIn = packageFile('form-engine', 'regions/bundled-region-data.browser.ts');
  return {
    name: 'region-data-on-demand',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith('/bundled-region-data')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === bundled ? standIn : null;
    },
  };
}

export const platformAliases = {
  '@platform/schema': packageEntry('schema'),
  '@platform/form-engine': packageEntry('form-engine'),
  '@platform/condition': packageEntry('condition'),
  // Types only (the designer edits definitions); the engine itself runs on the server.
  '@platform/flow-engine': packageEntry('flow-engine'),
};

export default defineConfig({
  plugins: [react(), regionDataOnDemand()],
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
