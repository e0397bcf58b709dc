import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '@platform/form-engine';
import { editorHtml, isAllowedLink, isBlankHtml, richTextExcerpt, richTextToPlain } from './rich-text';

function editorWith(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
}

describe('rich text', () => {
  it("brings a contentEditable's markup into the sanitiser's allowlist", () => {
    const root = editorWith('<div>第一行 <b>加粗</b></div><div><br></div><div><font color="red">红</font><span style="color:red" onclick="x()">字</span></div>');
    const html = sanitizeHtml(editorHtml(root));
    expect(html).toBe('<p>第一行 <b>加粗</b></p><p><br></p><p>红<span>字</span></p>');
    expect(html).not.toContain('&lt;');
  });

  it('keeps lists, links and allowed attributes only; drops scripts', () => {
    const root = editorWith('<ul><li>a</li></ul><a href="https://example.com" style="x" target="_self">l</a><script>alert(1)</script><img src="/api/files/9" onerror="x()">');
    const html = sanitizeHtml(editorHtml(root));
    expect(html).toContain('<ul><li>a</li></ul>');
    expect(html).toContain('href="https://example.com"');
    expect(html).not.toContain('script');
    expect(html).not.toContain('onerror');
    expect(html).toContain('<img src="/api/files/9">');
  });

  it('a paragraph inside a paragraph only breaks the line', () => {
    expect(editorHtml(editorWith('<div>a<div>b</div></div>'))).toBe('<p>ab<br></p>');
  });

  it('tells blank HTML apart and makes one-line excerpts', () => {
    expect(isBlankHtml('<p><br></p>')).toBe(true);
    expect(isBlankHtml(null)).toBe(true);
    expect(isBlankHtml('<p>&nbsp;</p>')).toBe(true);
    expect(isBlankHtml('<p>x</p>')).toBe(false);
    expect(richTextToPlain('<p>a &amp; b</p><ul><li>1</li><li>2</li></ul>')).toBe('a & b\n1\n2');
    expect(richTextExcerpt('<p>a</p><p>b</p>')).toBe('a b');
    expect(richTextExcerpt(`<p>${'长'.repeat(200)}</p>`, 10)).toBe(`${'长'.repeat(10)}…`);
  });

  it('accepts the links the sanitiser keeps', () => {
    expect(isAllowedLink('https://example.com/a')).toBe(true);
    expect(isAllowedLink('mailto:a@b.cn')).toBe(true);
    expect(isAllowedLink('javascript:alert(1)')).toBe(false);
    expect(isAllowedLink('ftp://x')).toBe(false);
  });
});
