import { compareCodePoints } from './compare-code-points';

describe('compareCodePoints', () => {
  it.each([
    ['a', 'b', -1],
    ['B', 'a', -1],
    ['a', 'a', 0],
    ['', 'a', -1],
    ['ab', 'a', 1],
    ['\uE000', '😀', -1], // JS '<' says the opposite: U+D83D < U+E000 as code units
    ['\uFFFD', '𝒳', -1],
    ['😀', '\uFF21', 1],
    ['😀', '😁', -1],
    ['a😀', 'a\uFFFF', 1],
    ['中', '😀', -1],
  ])('%p vs %p', (a, b, sign) => {
    expect(Math.sign(compareCodePoints(a, b))).toBe(sign);
    expect(Math.sign(compareCodePoints(b, a))).toBe(sign === 0 ? 0 : -sign);
  });

  it('sorts like code points', () => {
    const words = ['😀', '\uFF21', 'z', 'Z', '中', '\uE000', '𝒳', 'é', ''];
    const byCodePoint = [...words].sort((a, b) => {
      const x = [...a].map((c) => c.codePointAt(0)!);
      const y = [...b].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return x.length - y.length;
    });
    expect([...words].sort(compareCodePoints)).toEqual(byCodePoint);
  });
});
