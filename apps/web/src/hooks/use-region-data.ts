import { useEffect, useState } from 'react';
import { loadRegionData, regionDataAvailable } from '@platform/form-engine';

export type RegionDataState = 'loading' | 'ready' | 'failed';

/**
 * Loads the China region data (its own chunk of the web build, ~70 kB) when a component first needs it,
 * and re-renders once it is there. Address inputs and address filters call it; nothing else needs it.
 */
export function useRegionData(): RegionDataState {
  const [state, setState] = useState<RegionDataState>(() => (regionDataAvailable() ? 'ready' : 'loading'));
  useEffect(() => {
    if (state !== 'loading') return;
    let live = true;
    loadRegionData().then(
      () => live && setState('ready'),
      () => live && setState('failed'),
    );
    return () => {
      live = false;
    };
  }, [state]);
  return state;
}
