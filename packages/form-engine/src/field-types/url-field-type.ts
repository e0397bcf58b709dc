import { fail } from '../values/coerce-result';
import { defineTextType } from './define-text-type';

function isWebAddress(text: string): boolean {
  if (/\s/.test(text) || !/^https?:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const urlFieldType = defineTextType({
  type: 'url',
  label: { 'zh-CN': '链接', 'en-US': 'URL' },
  defaultMaxLength: 2048,
  maxLengthCap: 2048,
  allowsUnique: true,
  trims: true,
  checkFormat(text) {
    return isWebAddress(text) ? null : fail('invalid_format', 'must be an http or https address', { format: 'url' });
  },
});
