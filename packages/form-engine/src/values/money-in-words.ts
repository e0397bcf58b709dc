import Nzh from 'nzh';
import { roundHalfUp } from './round-half-up';

/**
 * 大写金额 of an amount, rounded half-up to the fen: 12000 -> '壹万贰仟元整', 1234.5 -> '壹仟贰佰叁拾肆元伍角',
 * -5 -> '负伍元整'. Decimal text goes to nzh, so binary fractions never show up as stray fen.
 */
export function moneyInWords(amount: number | string): string | null {
  const rounded = roundHalfUp(amount, 2);
  if (!rounded) return null;
  // nzh adds 整 only when its input has no fraction digits: drop the zero ones.
  const text = rounded.text.replace(/\.?0+$/, '');
  return Nzh.cn.toMoney(text, { outSymbol: false });
}
