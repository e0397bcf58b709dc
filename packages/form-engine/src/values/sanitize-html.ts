/**
 * A small, strict allowlist HTML sanitiser for richText values. It never trusts the input's structure:
 * a tolerant tokenizer reads tags, attributes and text, and the output is rebuilt from scratch, so it
 * holds only the allowed tags, with only the allowed attributes written as name="escaped value", and
 * text in which every `&`, `<`, `>`, `"` and `'` is escaped. Whatever a browser decodes from the output
 * is exactly what was checked here (entity tricks such as `&#106;avascript:` are decoded before the check
 * and cannot be decoded a second time).
 *
 * - kept: p, br, b, strong, i, em, u, s, ul, ol, li, h1-h4, blockquote, a, img, span, code, pre;
 * - a keeps href (http, https, mailto only) and title, and gets rel="noopener noreferrer" target="_blank";
 *   img keeps src (only paths under /api/files/), alt, title, width, height, and is dropped without src;
 * - script, style, iframe and the other raw-text or embedding elements are dropped with their content;
 *   comments, doctypes and processing instructions are dropped;
 * - every other tag is escaped and shows as text; every other attribute (on*, style, class...) is dropped;
 * - unclosed elements are closed at the end, stray end tags dropped, nesting cut at 64 levels.
 * Linear in the input's length. Pure: runs in the browser (preview) and on the server (authoritative).
 */

const ALLOWED = new Set(['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'blockquote', 'a', 'img', 'span', 'code', 'pre']);
const VOID = new Set(['br', 'img']);
/** Dropped with everything up to their end tag: their content is code, styles, or a foreign document. */
const DROPPED_WITH_CONTENT = new Set([
  'script', 'style', 'iframe', 'noscript', 'template', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'plaintext', 'object', 'applet', 'frameset',
]);
const MAX_DEPTH = 64;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', trade: '™', hellip: '…',
  mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', middot: '·',
  bull: '•', times: '×', divide: '÷', deg: '°', plusmn: '±', yen: '¥', euro: '€', pound: '£', cent: '¢', sect: '§',
  para: '¶', colon: ':', tab: '\t', newline: '\n', lpar: '(', rpar: ')', sol: '/', bsol: '\\', num: '#', excl: '!',
};

const ENTITY = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]{1,31}));?/g;
const WHITESPACE = /[\t\n\f\r ]/;
const LETTER = /[A-Za-z]/;
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Character references decoded as a browser would (unknown names are left as written). */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) {
      const named = Object.hasOwn(NAMED_ENTITIES, name.toLowerCase()) && whole.endsWith(';') ? NAMED_ENTITIES[name.toLowerCase()] : undefined;
      return named ?? whole;
    }
    const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex as string, 16);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : '\uFFFD';
  });
}

/** Text safe in element content and in double- or single-quoted attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Controls other than tab and line breaks, NUL and lone surrogates: never stored (PostgreSQL text cannot hold NUL). */
const clean = (text: string) => text.replace(CONTROL, (c) => (c.length === 1 && c.charCodeAt(0) < 0xd800 ? '' : '\uFFFD'));

type Attribute = [name: string, value: string];
type Tag = { name: string; attributes: Attribute[]; end: number };

/** Reads a tag's name and attributes from `start` (just after `<` or `</`); null when the input ends inside it. */
function readTag(html: string, start: number): Tag | null {
  let i = start;
  while (i < html.length && !WHITESPACE.test(html[i]) && html[i] !== '/' && html[i] !== '>') i++;
  const name = html.slice(start, i).toLowerCase();
  const attributes: Attribute[] = [];
  const seen = new Set<string>();
  for (;;) {
    while (i < html.length && (WHITESPACE.test(html[i]) || html[i] === '/')) i++;
    if (i >= html.length) return null;
    if (html[i] === '>') return { name, attributes, end: i + 1 };
    const nameStart = i;
    i++; // a name may start with '=' (as in browsers)
    while (i < html.length && !WHITESPACE.test(html[i]) && html[i] !== '/' && html[i] !== '>' && html[i] !== '=') i++;
    const attributeName = html.slice(nameStart, i).toLowerCase();
    while (i < html.length && WHITESPACE.test(html[i])) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (i < html.length && WHITESPACE.test(html[i])) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close < 0) return null;
        value = html.slice(i + 1, close);
        i = close + 1;
      } else {
        const valueStart = i;
        while (i < html.length && !WHITESPACE.test(html[i]) && html[i] !== '>') i++;
        value = html.slice(valueStart, i);
      }
    }
    if (!seen.has(attributeName)) {
      seen.add(attributeName);
      attributes.push([attributeName, decodeEntities(value)]);
    }
  }
}

/** What a browser makes of a URL attribute's ends and inner tabs and line breaks (it drops them). */
const urlOf = (value: string) => clean(value).replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');

const SAFE_LINK = /^(?:https?:\/\/|mailto:)[^\s]*$/i;
const SAFE_IMAGE = /^\/api\/files\/[A-Za-z0-9][A-Za-z0-9._~-]*(?:\/[A-Za-z0-9._~-]+)*(?:\?[A-Za-z0-9._~=&%-]*)?$/;
const DIMENSION = /^\d{1,4}$/;

/** The start tag as the output writes it, or null to drop it (an image without an allowed source). */
function startTag(name: string, attributes: Attribute[], allowImages: boolean): string | null {
  const read = (attribute: string) => attributes.find(([candidate]) => candidate === attribute)?.[1];
  const parts: string[] = [name];
  const add = (attribute: string, value: string | undefined) => {
    if (value !== undefined) parts.push(`${attribute}="${escapeHtml(clean(value))}"`);
  };
  if (name === 'a') {
    const href = read('href');
    const url = href === undefined ? '' : urlOf(href);
    if (SAFE_LINK.test(url)) {
      add('href', url);
      add('title', read('title'));
      parts.push('rel="noopener noreferrer"', 'target="_blank"');
    } else {
      add('title', read('title'));
    }
  } else if (name === 'img') {
    const src = urlOf(read('src') ?? '');
    if (!allowImages || !SAFE_IMAGE.test(src) || /(?:^|\/)\.\.?(?:\/|\?|$)/.test(src)) return null;
    add('src', src);
    add('alt', read('alt'));
    add('title', read('title'));
    for (const dimension of ['width', 'height']) {
      const value = read(dimension)?.trim();
      if (value !== undefined && DIMENSION.test(value)) add(dimension, value);
    }
  }
  return `<${parts.join(' ')}>`;
}

export type SanitizeHtmlOptions = {
  /** Keep images (from /api/files/ only); false drops every img. Default true. */
  images?: boolean;
};

/** The input reduced to the allowed tags and attributes (see the file comment). */
export function sanitizeHtml(html: string, options: SanitizeHtmlOptions = {}): string {
  const allowImages = options.images !== false;
  const out: string[] = [];
  const open: string[] = [];
  const text = (raw: string) => {
    if (raw !== '') out.push(escapeHtml(clean(decodeEntities(raw))));
  };
  const literal = (raw: string) => out.push(escapeHtml(clean(raw)));
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
    } else if (next === '!' || next === '?' || (next === '/' && !LETTER.test(html[lt + 2] ?? ''))) {
      // doctype, CDATA, processing instruction, '</>' or '</ ...>': bogus comments in HTML, dropped.
      const close = html.indexOf('>', lt + 1);
      i = close < 0 ? html.length : close + 1;
    } else if (next === '/') {
      const tag = readTag(html, lt + 2);
      if (!tag) break; // the input ends inside a tag: browsers drop it
      i = tag.end;
      if (ALLOWED.has(tag.name)) {
        const at = open.lastIndexOf(tag.name);
        if (at >= 0) while (open.length > at) out.push(`</${open.pop()}>`);
      } else if (!DROPPED_WITH_CONTENT.has(tag.name)) {
        literal(html.slice(lt, tag.end));
      }
    } else if (LETTER.test(next)) {
      const tag = readTag(html, lt + 1);
      if (!tag) break;
      i = tag.end;
      if (DROPPED_WITH_CONTENT.has(tag.name)) {
        const closing = new RegExp(`</${tag.name}(?=[\\t\\n\\f\\r />])`, 'ig');
        closing.lastIndex = i;
        const found = closing.exec(html);
        const close = found ? html.indexOf('>', found.index) : -1;
        i = close < 0 ? html.length : close + 1;
      } else if (!ALLOWED.has(tag.name)) {
        literal(html.slice(lt, tag.end));
      } else if (open.length < MAX_DEPTH || VOID.has(tag.name)) {
        const written = startTag(tag.name, tag.attributes, allowImages);
        if (written !== null) {
          out.push(written);
          if (!VOID.has(tag.name)) open.push(tag.name);
        }
      }
    } else {
      literal('<');
      i = lt + 1;
    }
  }
  while (open.length > 0) out.push(`</${open.pop()}>`);
  return out.join('');
}

/** The text of sanitised HTML, as lists and exports show it: blocks and line breaks become new lines. */
export function htmlToPlainText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(?:p|li|h[1-4]|blockquote|pre)\s*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
