const SYMBOLS: Record<string, string> = {
  CNY: '¥', USD: '$', EUR: '€', GBP: '£', JPY: 'JP¥', HKD: 'HK$', TWD: 'NT$', MOP: 'MOP$', SGD: 'S$',
  KRW: '₩', AUD: 'A$', CAD: 'CA$', CHF: 'CHF ', RUB: '₽', INR: '₹',
};

/** The symbol shown before an amount in an ISO 4217 currency ('CNY' -> '¥'; unknown codes: 'XYZ '). */
export function currencySymbol(currency: string | undefined): string {
  const code = currency ?? 'CNY';
  return SYMBOLS[code] ?? `${code} `;
}
