import { afterEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';
import { changeLocale } from '../i18n';

// Most test files share one module graph per worker (vitest.config.ts): each starts as a fresh page would,
// in Chinese, with nothing stored, real timers and no stubbed globals.
window.localStorage.clear();
window.sessionStorage.clear();
await changeLocale('zh-CN');
vi.useRealTimers();
vi.unstubAllGlobals();

// happy-dom lacks a few browser APIs antd touches.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

afterEach(() => cleanup());
