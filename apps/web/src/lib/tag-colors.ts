import type { CSSProperties } from 'react';
import { theme } from 'antd';

type Token = ReturnType<typeof theme.getDesignToken>;

/** antd's status colours and the tokens its Tag takes their background and text from. */
const STATUS_TOKENS: Record<string, string> = { success: 'Success', processing: 'Info', error: 'Error', warning: 'Warning' };

let token: Token | undefined;
const tokenValue = (key: string): string | undefined => {
  token ??= theme.getDesignToken();
  const value = (token as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
};

const HEX_RE = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `hex` with its lightness set to `lightness` (0-1), as #rrggbb. */
export function withLightness(hex: string, lightness: number): string | undefined {
  const match = HEX_RE.exec(hex.trim());
  if (!match) return undefined;
  const digits = match[1].length === 3 ? [...match[1]].map((d) => d + d).join('') : match[1];
  const [r, g, b] = [0, 2, 4].map((at) => parseInt(digits.slice(at, at + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const delta = max - min;
  const l = (max + min) / 2;
  const s = delta === 0 ? 0 : delta / (1 - Math.abs(2 * l - 1));
  let h = 0;
  if (delta !== 0) {
    if (max === r) h = ((g - b) / delta + 6) % 6;
    else if (max === g) h = (b - r) / delta + 2;
    else h = (r - g) / delta + 4;
  }
  const c = (1 - Math.abs(2 * lightness - 1)) * s;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const m = lightness - c / 2;
  const [r1, g1, b1] = h < 1 ? [c, x, 0] : h < 2 ? [x, c, 0] : h < 3 ? [0, c, x] : h < 4 ? [0, x, c] : h < 5 ? [x, 0, c] : [c, 0, x];
  return `#${[r1, g1, b1].map((v) => Math.round((v + m) * 255).toString(16).padStart(2, '0')).join('')}`;
}

function computeStyle(color: string): CSSProperties | undefined {
  const status = STATUS_TOKENS[color];
  if (status) return { backgroundColor: tokenValue(`color${status}Bg`), color: tokenValue(`color${status}`) };
  const inverse = color.endsWith('-inverse') ? color.slice(0, -'-inverse'.length) : undefined;
  const preset = inverse ?? color;
  const light = tokenValue(`${preset}1`);
  const dark = tokenValue(`${preset}6`);
  const text = tokenValue(`${preset}7`);
  if (light && dark && text && /^[a-z]+$/.test(preset)) {
    return inverse ? { backgroundColor: dark, color: '#fff' } : { backgroundColor: light, color: text };
  }
  if (color === 'default') return undefined;
  // Any other colour (the form designer's are #rrggbb): its text on a very light tint of it.
  return { backgroundColor: withLightness(color, 0.95) ?? `color-mix(in srgb, ${color} 8%, #fff)`, color };
}

const styles = new Map<string, CSSProperties | undefined>();

/**
 * The colours antd's Tag (filled, its default look) gives `color` -- a preset such as "blue", a status
 * such as "success", or any CSS colour -- as an inline style for a plain element, so that a list can show
 * many tags without one antd component each. Undefined: the neutral look of `.cell-tag--plain`.
 */
export function tagColorStyle(color: string | undefined): CSSProperties | undefined {
  if (!color) return undefined;
  if (!styles.has(color)) styles.set(color, computeStyle(color));
  return styles.get(color);
}
