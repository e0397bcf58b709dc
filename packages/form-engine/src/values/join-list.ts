import type { DisplayLocale } from '../field-type-definition';

/** Joins display items the way each locale lists them: '甲、乙' / 'A, B'. */
export function joinList(items: string[], locale: DisplayLocale): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}
