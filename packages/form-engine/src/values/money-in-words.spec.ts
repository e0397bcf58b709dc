import { moneyInWords } from './money-in-words';

describe('moneyInWords', () => {
  it.each<[number | string, string]>([
    [12000, '壹万贰仟元整'],
    [0, '零元整'],
    [1234.5, '壹仟贰佰叁拾肆元伍角'],
    [10.01, '壹拾元零壹分'],
    [0.05, '伍分'],
    [100000000, '壹亿元整'],
    [1001, '壹仟零壹元整'],
    [-5, '负伍元整'],
    [1.005, '壹元零壹分'], // rounded half-up to the fen from decimal text
    ['12000.00', '壹万贰仟元整'],
    [1234567890123.45, '壹万贰仟叁佰肆拾伍亿陆仟柒佰捌拾玖万零壹佰贰拾叁元肆角伍分'],
  ])('%p -> %p', (amount, words) => {
    expect(moneyInWords(amount)).toBe(words);
  });

  it('gives null for what is not an amount', () => {
    expect(moneyInWords(NaN)).toBeNull();
    expect(moneyInWords('twelve')).toBeNull();
  });
});
