import { describe, expect, it } from 'vitest';
import { tagColorStyle, withLightness } from './tag-colors';

describe('tagColorStyle', () => {
  it.each([
    // The figures antd's Tag (filled) computes for the same colours.
    ['#1677ff', '#e5f0ff'],
    ['#ff4d4f', '#ffe5e6'],
    ['#fa8c16', '#fef3e6'],
    ['#52c41a', '#effce8'],
    ['#abc', '#eff2f5'],
    ['#000000', '#f2f2f2'],
  ])('a designer colour %s: its text on a tint of lightness 0.95, %s', (color, background) => {
    expect(withLightness(color, 0.95)).toBe(background);
    expect(tagColorStyle(color)).toEqual({ backgroundColor: background, color });
  });

  it('a preset takes its palette: light background, dark text; -inverse is solid', () => {
    expect(tagColorStyle('blue')).toEqual({ backgroundColor: '#e6f4ff', color: '#0958d9' });
    expect(tagColorStyle('green')).toEqual({ backgroundColor: '#f6ffed', color: '#389e0d' });
    expect(tagColorStyle('blue-inverse')).toEqual({ backgroundColor: '#1677ff', color: '#fff' });
  });

  it('a status takes its status colours; default and none keep the neutral look', () => {
    expect(tagColorStyle('success')).toEqual({ backgroundColor: '#f6ffed', color: '#52c41a' });
    expect(tagColorStyle('error')).toEqual({ backgroundColor: '#fff2f0', color: '#ff4d4f' });
    expect(tagColorStyle('default')).toBeUndefined();
    expect(tagColorStyle(undefined)).toBeUndefined();
  });

  it('any other CSS colour is mixed by the browser', () => {
    expect(tagColorStyle('rgb(1, 2, 3)')).toEqual({ backgroundColor: 'color-mix(in srgb, rgb(1, 2, 3) 8%, #fff)', color: 'rgb(1, 2, 3)' });
  });

  it('gives the same object for the same colour (cells share it)', () => {
    expect(tagColorStyle('#1677ff')).toBe(tagColorStyle('#1677ff'));
  });
});
