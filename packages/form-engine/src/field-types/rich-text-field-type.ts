import type { FieldTypeDefinition } from '../field-type-definition';
import { fail, ok } from '../values/coerce-result';
import { readOption } from '../values/read-option';
import { htmlToPlainText, sanitizeHtml } from '../values/sanitize-html';
import { nullable, optionsObject, placeholderSchema } from '../options-schemas/option-schema-parts';
import { SEARCH_OPERATORS } from './operator-sets';

/** VALUES.md: richText holds at most 200 kB (of UTF-8, after sanitising). */
const MAX_BYTES = 200 * 1024;
/** Input read at all: the sanitiser is linear, but a request should not make it read megabytes. */
const MAX_INPUT_CHARACTERS = 4 * MAX_BYTES;

function utf8Length(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

const tooLarge = () => fail('too_large', `must be at most ${MAX_BYTES / 1024} kB`, { maxKB: MAX_BYTES / 1024 });

/**
 * 富文本: HTML reduced by `sanitizeHtml` to formatting tags, http/https/mailto links and images from
 * /api/files/ (no scripts, no event handlers, no styles). What is stored is the sanitised text; HTML
 * without visible text or images (`<p><br></p>`) is empty.
 */
export const richTextFieldType: FieldTypeDefinition = {
  type: 'richText',
  label: { 'zh-CN': '富文本', 'en-US': 'Rich text' },
  valueKind: 'string',
  optionsSchema: optionsObject({
    default: nullable({ type: 'string', maxLength: 20_000 }),
    placeholder: placeholderSchema,
    /** Editor buttons the designer offers (the client's names, e.g. "bold", "link"). */
    toolbar: { type: 'array', maxItems: 50, items: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9-]{0,29}$' } },
    /** Whether images may be inserted; false drops them. Default true. */
    images: { type: 'boolean' },
  }),
  operators: SEARCH_OPERATORS,
  sortable: false,
  filterable: true,
  column: () => ({ sqlType: 'text', index: null }),
  conditionKind: 'text',
  coerce(value, field) {
    if (value === null || value === undefined || value === '') return ok(null);
    if (typeof value !== 'string') return fail('invalid_type', 'must be an HTML string', { expected: 'string' });
    if (value.length > MAX_INPUT_CHARACTERS) return tooLarge();
    const html = sanitizeHtml(value, { images: readOption(field, 'images', 'boolean') });
    if (utf8Length(html) > MAX_BYTES) return tooLarge();
    const empty = htmlToPlainText(html).replace(/\s/g, '') === '' && !html.includes('<img');
    return ok(empty ? null : html);
  },
  fromDb: (value) => (value === undefined ? null : value),
  toDb: (value) => (value === undefined || value === '' ? null : value),
  format: (value) => (typeof value === 'string' ? htmlToPlainText(value) : ''),
};
