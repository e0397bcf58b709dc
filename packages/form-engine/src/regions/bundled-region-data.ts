import chinaRegions from './china-regions.json';
import type { RegionData } from './regions';

/**
 * The region data loaded with the engine: what the server validates addresses against. The web build
 * replaces this module with bundled-region-data.browser.ts (apps/web/vite.config.ts), which has none,
 * so that the data becomes a chunk of its own fetched by `loadRegionData()`.
 */
export function bundledRegionData(): RegionData | undefined {
  // JSON modules type their tuples as plain arrays.
  return chinaRegions as unknown as RegionData;
}
