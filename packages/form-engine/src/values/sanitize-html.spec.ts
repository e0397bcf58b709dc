import { decodeEntities, htmlToPlainText, sanitizeHtml } from './sanitize-html';

const ALLOWED_TAGS = new Set(['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'blockquote', 'a', 'img', 'span', 'code', 'pre']);
const ALLOWED_ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(['href', 'title', 'rel', 'target']),
  img: new Set(['src', 'alt', 'title', 'width', 'height']),
};
const TAG = /<(\/?)([a-z0-9]+)((?: [a-z]+="[^"<>]*")*)>/g;
const ATTRIBUTE = / ([a-z]+)="([^"]*)"/g;

/**
 * What a browser could execute from sanitised output, checked independently of the sanitiser: every
 * `<` opens a well-formed allowed tag, attributes are the allowed ones written as name="value", links
 * are http/https/mailto and images come from /api/files/; text holds no raw `<`, `>` or bare `&`.
 */
function executableParts(html: string): string[] {
  const problems: string[] = [];
  const text = html.replace(TAG, (_whole, _slash: string, name: string, attributes: string) => {
    if (!ALLOWED_TAGS.has(name)) problems.push(`tag ${name}`);
    for (const [, attribute, raw] of attributes.matchAll(ATTRIBUTE)) {
      const value = decodeEntities(raw);
      if (!ALLOWED_ATTRIBUTES[name]?.has(attribute)) problems.push(`attribute ${attribute} on ${name}`);
      if (attribute === 'href' && !/^(?:https?:\/\/|mailto:)/i.test(value)) problems.push(`href ${value}`);
      if (attribute === 'src' && !value.startsWith('/api/files/')) problems.push(`src ${value}`);
      if (/[\u0000-\u001f]/.test(value)) problems.push(`control character in ${attribute}`);
    }
    return '';
  });
  if (/[<>]/.test(text)) problems.push(`raw < or > in text: ${text}`);
  if (/&(?!(?:amp|lt|gt|quot|#39);)/.test(text)) problems.push('a bare & in text');
  return problems;
}

const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="/api/files/ok" onerror="alert(1)">',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  '<img src=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>',
  '<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>',
  '<img/src="/api/files/x"/onerror=alert(1)>',
  '<img src="/api/files/x" src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JAVASCRIPT:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="&#x6A;avascript&#x3A;alert(1)">x</a>',
  '<a href="&#106avascript&#58alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href=" &#14;  javascript:alert(1)">x</a>',
  '<a href="jav\tascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="jav&#x0A;ascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="https://ok.example" onclick="alert(1)" onmouseover=alert(1)>x</a>',
  '<a href=https://ok.example/"onmouseover="alert(1)">x</a>',
  '<a href=\'https://ok.example\' style="background:url(javascript:alert(1))">x</a>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<body onload=alert(1)>',
  '<div style="width: expression(alert(1))">x</div>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<style>@import "javascript:alert(1)";</style>',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<script>script>alert(1)<</script>/script>',
  '<p><b><i><u>unclosed',
  '<p>a</b></i></p></p></div>',
  '<p title="</p><script>alert(1)</script>">x</p>',
  '<a title="x\'><img src=x onerror=alert(1)>">x</a>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<!--[if gte IE 4]><script>alert(1)</script><![endif]-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<?xml version="1.0"?><script>alert(1)</script>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<textarea><img src=x onerror=alert(1)></textarea>',
  '<template><img src=x onerror=alert(1)></template>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  '<img src="/api/files/../../api/admin">',
  '<img src="/api/files/x?a=1" width="100" height="50%" onload="x">',
  '<img src="//evil.example/api/files/x">',
  '<img src=" /api/files/x">',
  '<a href="mailto:sales@example.com" target="_top">mail</a>',
  '<span data-x="1" class="c" id="i">s</span>',
  '<pre><code>if (a < b && c > d) {}</code></pre>',
  '<p>\u0000NUL\u0001 and a lone \uD800 surrogate</p>',
  '<a href="https://ok.example/\u0000javascript:alert(1)">x</a>',
  '<img src="/api/files/x\u0000">',
  '<script',
  '<a href="https://ok.example',
  '<p onclick="alert(1)"',
  '</script><script>alert(1)',
  '<h1>t</h1><h5 onclick=x>h5</h5><blockquote cite="javascript:x">q</blockquote>',
];

describe('sanitizeHtml', () => {
  it('checks with a checker that does flag what a browser would run', () => {
    for (const raw of ['<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">x</a>', '<script>alert(1)</script>', '<p onclick="x">y</p>', '<svg onload=alert(1)>', 'a & b']) {
      expect(executableParts(raw)).not.toEqual([]);
    }
  });

  it.each(XSS_PAYLOADS)('leaves nothing executable in %p', (payload) => {
    const output = sanitizeHtml(payload);
    expect(executableParts(output)).toEqual([]);
    expect(sanitizeHtml(output)).toBe(output); // idempotent: the output is what it claims to be
    // The markup alone (tags, attribute names), whatever escaped text the payload left to read.
    const markup = [...output.matchAll(TAG)].map(([tag]) => tag.replace(/="[^"]*"/g, '=""')).join('');
    expect(markup).not.toMatch(/<(?:script|style|iframe|svg|math|object|embed|body|meta|link|base|form|input|details)\b/i);
    expect(markup).not.toMatch(/\s(?:on[a-z]+|style|srcdoc|formaction)=/i);
  });

  it.each<[string, string, string]>([
    ['keeps formatting', '<h2>Title</h2><p>A <strong>b</strong> <em>c</em> <u>d</u> <s>e</s> <span>f</span></p>', '<h2>Title</h2><p>A <strong>b</strong> <em>c</em> <u>d</u> <s>e</s> <span>f</span></p>'],
    ['keeps lists, quotes and code', '<ul><li>1</li></ul><ol><li>2</li></ol><blockquote>q</blockquote><pre><code>x</code></pre>', '<ul><li>1</li></ul><ol><li>2</li></ol><blockquote>q</blockquote><pre><code>x</code></pre>'],
    ['lower-cases tag names', '<P>x<BR/>y</P>', '<p>x<br>y</p>'],
    ['drops every attribute of formatting tags', '<p class="c" style="color:red" onclick="x" id="i">x</p>', '<p>x</p>'],
    ['drops script with its content', 'a<script>alert(1)</script>b', 'ab'],
    ['drops style with its content', 'a<style>p{color:red}</style>b', 'ab'],
    ['drops iframe with its content', 'a<iframe src="x">inner</iframe>b', 'ab'],
    ['drops an unclosed script and all that follows', 'a<script>alert(1)<p>b</p>', 'a'],
    ['escapes other tags as text', '<div onclick="x">hi</div>', '&lt;div onclick=&quot;x&quot;&gt;hi&lt;/div&gt;'],
    ['escapes svg as text', '<svg onload=alert(1)>', '&lt;svg onload=alert(1)&gt;'],
    ['drops an image with an outside source', '<img src=x onerror=alert(1)>', ''],
    ['keeps an image of our files', '<img src="/api/files/0190a6f2-7c3b" alt="图" width="120" height="80" onerror="x">', '<img src="/api/files/0190a6f2-7c3b" alt="图" width="120" height="80">'],
    ['drops an image climbing out of /api/files/', '<img src="/api/files/../admin">', ''],
    ['drops image dimensions that are not pixels', '<img src="/api/files/x" width="100%" height="1e3">', '<img src="/api/files/x">'],
    ['keeps an http link, rel and target added', '<a href="http://example.com/a?b=1&amp;c=2" title="t">x</a>', '<a href="http://example.com/a?b=1&amp;c=2" title="t" rel="noopener noreferrer" target="_blank">x</a>'],
    ['keeps a mailto link', '<a href="mailto:a@example.com">m</a>', '<a href="mailto:a@example.com" rel="noopener noreferrer" target="_blank">m</a>'],
    ['removes a javascript href, keeps the text', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['removes an entity-encoded javascript href', '<a href="&#106;avascript:alert(1)">x</a>', '<a>x</a>'],
    ['removes a relative href', '<a href="/records/1">x</a>', '<a>x</a>'],
    ['decodes and re-escapes text entities', 'a &amp; b &lt;i&gt; &copy; &#x4E2D; &unknown;', 'a &amp; b &lt;i&gt; © 中 &amp;unknown;'],
    ['escapes stray angle brackets and quotes', '1 < 2 > 0 "q" \'s\'', '1 &lt; 2 &gt; 0 &quot;q&quot; &#39;s&#39;'],
    ['closes unclosed elements in order', '<p><b>x<i>y', '<p><b>x<i>y</i></b></p>'],
    ['closes inner elements at a misnested end tag', '<b><i>x</b>y</i>', '<b><i>x</i></b>y'],
    ['drops stray end tags', '</p>x</b></br>', 'x'],
    ['drops comments, doctypes and processing instructions', '<!DOCTYPE html><!-- c --><?php x ?>t', 't'],
    ['drops a tag the input ends inside', 'x<a href="https://e.com', 'x'],
    ['drops NUL and other controls, repairs lone surrogates', 'a\u0000b\u0007c\uD800d', 'abc\uFFFDd'],
  ])('%s', (_label, input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });

  it('drops images when the field turns them off', () => {
    expect(sanitizeHtml('<p>a<img src="/api/files/x"></p>', { images: false })).toBe('<p>a</p>');
  });

  it('cuts nesting at 64 levels and keeps the text', () => {
    const output = sanitizeHtml(`${'<span>'.repeat(100)}deep${'</span>'.repeat(100)}`);
    expect(output).toBe(`${'<span>'.repeat(64)}deep${'</span>'.repeat(64)}`);
  });

  it('is linear: a megabyte of hostile input takes milliseconds, not minutes', () => {
    const started = Date.now();
    for (const chunk of ['<a ', '<!--', '<script>', '&#', '<p title="', '<'.repeat(3)]) sanitizeHtml(chunk.repeat(300_000 / chunk.length));
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('never lets anything executable through random tag soup', () => {
    const pieces = ['<', '>', '/', '=', '"', "'", ' ', '\t', '\n', 'a', 'img', 'p', 'script', 'svg', 'style', 'iframe', 'href', 'src', 'on', 'onerror', 'javascript:', '&#', '106;', 'x6A;', '&amp;', '&lt;', '!--', '-->', '/api/files/x', 'https://e.com', 'alert(1)', '\u0000', 'b', 'li', '<!', '?>'];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 3000; round++) {
      let input = '';
      const length = 1 + Math.floor(random() * 40);
      for (let i = 0; i < length; i++) input += pieces[Math.floor(random() * pieces.length)];
      const output = sanitizeHtml(input);
      const problems = executableParts(output);
      if (problems.length > 0 || sanitizeHtml(output) !== output) throw new Error(`${JSON.stringify(input)} -> ${JSON.stringify(output)}: ${problems.join('; ')}`);
    }
  });
});

describe('htmlToPlainText', () => {
  it.each<[string, string]>([
    ['<p>a <b>b</b></p><p>c</p>', 'a b\nc'],
    ['<h1>T</h1><ul><li>1</li><li>2</li></ul>', 'T\n1\n2'],
    ['x<br>y', 'x\ny'],
    ['&lt;script&gt; &amp;amp;', '<script> &amp;'],
    ['<p></p><p></p><p></p><p>z</p>', 'z'],
  ])('%p -> %p', (html, text) => {
    expect(htmlToPlainText(html)).toBe(text);
  });
});
