/**
 * Rich text (VALUES.md: a sanitised HTML string) on the client: the editor's DOM turned into the HTML
 * the server keeps, emptiness, and a plain-text excerpt for cells and cards. The authoritative
 * allowlist is form-engine's sanitizeHtml; this file only brings what a browser's contentEditable
 * produces (div paragraphs, font and span wrappers, style attributes) into that allowlist's shape
 * first, so that nothing of the user's text turns into escaped tags.
 */

/** Tags the sanitiser keeps (form-engine sanitize-html.ts). */
const KEPT = new Set(['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'blockquote', 'a', 'img', 'span', 'code', 'pre']);
/** Block containers a browser may produce: kept as paragraphs. */
const AS_PARAGRAPH = new Set(['div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'figure', 'address', 'dd', 'dt', 'tr', 'table', 'h5', 'h6']);
/** Dropped with their content. */
const DROPPED = new Set(['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'textarea', 'title', 'meta', 'link', 'svg', 'math']);
const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
};
const VOID = new Set(['br', 'img']);
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function serialiseChildren(node: Node, inParagraph: boolean): string {
  let html = '';
  node.childNodes.forEach((child) => {
    html += serialiseNode(child, inParagraph);
  });
  return html;
}

function serialiseNode(node: Node, inParagraph: boolean): string {
  if (node.nodeType === TEXT_NODE) return escapeHtml(node.textContent ?? '');
  if (node.nodeType !== ELEMENT_NODE) return '';
  const element = node as Element;
  const tag = element.tagName.toLowerCase();
  if (DROPPED.has(tag)) return '';
  if (AS_PARAGRAPH.has(tag)) {
    // A paragraph inside a paragraph is not HTML: the inner one only breaks the line.
    const inner = serialiseChildren(element, true);
    return inParagraph ? `${inner}<br>` : `<p>${inner}</p>`;
  }
  if (!KEPT.has(tag)) return serialiseChildren(element, inParagraph);
  const attributes = (ATTRIBUTES[tag] ?? [])
    .map((name) => [name, element.getAttribute(name)] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== null && entry[1] !== '')
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  if (VOID.has(tag)) return `<${tag}${attributes}>`;
  return `<${tag}${attributes}>${serialiseChildren(element, inParagraph || tag === 'p')}</${tag}>`;
}

/** The editor's content as HTML in the allowlist's shape (run sanitizeHtml over it before sending). */
export function editorHtml(root: Node): string {
  return serialiseChildren(root, false);
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decode(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (NAMED[lower] !== undefined) return NAMED[lower];
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16) || 0xfffd);
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)) || 0xfffd);
    return whole;
  });
}

/** The text of an HTML value: blocks and line breaks become new lines, tags go, entities are decoded. */
export function richTextToPlain(html: string): string {
  return decode(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(?:p|li|h[1-6]|blockquote|pre|div)\s*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** True for HTML that shows nothing: no text and no image (`<p><br></p>`, `&nbsp;`...). */
export function isBlankHtml(html: string | null | undefined): boolean {
  if (!html) return true;
  if (/<img\b/i.test(html)) return false;
  return richTextToPlain(html).replace(/\s+/g, '') === '';
}

/** One line of at most `max` characters for cells and cards. */
export function richTextExcerpt(html: string, max = 120): string {
  const line = richTextToPlain(html).replace(/\s+/g, ' ').trim();
  const characters = [...line];
  return characters.length > max ? `${characters.slice(0, max).join('')}…` : line;
}

/** Links the editor accepts: those the sanitiser keeps (http, https, mailto). */
export function isAllowedLink(url: string): boolean {
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(url.trim());
}
