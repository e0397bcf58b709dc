import type { RegionData } from './regions';

/** The browser build's stand-in for bundled-region-data.ts: no data until `loadRegionData()` fetches it. */
export function bundledRegionData(): RegionData | undefined {
  return undefined;
}
