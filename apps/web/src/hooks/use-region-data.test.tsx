import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import * as engine from '@platform/form-engine';
import { useRegionData } from './use-region-data';

// As in the web build, where the region data is a chunk of its own: not there until loaded.
vi.mock('@platform/form-engine', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@platform/form-engine')>()),
  regionDataAvailable: vi.fn(() => false),
  loadRegionData: vi.fn(),
}));

const available = vi.mocked(engine.regionDataAvailable);
const load = vi.mocked(engine.loadRegionData);

describe('useRegionData', () => {
  beforeEach(() => {
    available.mockReturnValue(false);
    load.mockReset();
  });

  it('loads the data when first needed and re-renders once it is there', async () => {
    let finish = () => undefined as void;
    load.mockReturnValue(new Promise<void>((resolve) => (finish = resolve)));
    const { result } = renderHook(() => useRegionData());
    expect(result.current).toBe('loading');
    expect(load).toHaveBeenCalledTimes(1);
    await act(async () => finish());
    expect(result.current).toBe('ready');
  });

  it('does not fetch what is there already', () => {
    available.mockReturnValue(true);
    const { result } = renderHook(() => useRegionData());
    expect(result.current).toBe('ready');
    expect(load).not.toHaveBeenCalled();
  });

  it('says when the data could not be fetched', async () => {
    load.mockRejectedValue(new Error('offline'));
    const { result } = renderHook(() => useRegionData());
    await act(async () => undefined);
    expect(result.current).toBe('failed');
  });
});
