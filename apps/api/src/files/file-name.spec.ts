import { cleanFileName, contentDisposition } from './file-name';

describe('cleanFileName', () => {
  it.each<[string | undefined, string]>([
    ['报价单.pdf', '报价单.pdf'],
    ['C:\\fakepath\\photo.jpg', 'photo.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['a\u0000b\r\n.txt', 'ab.txt'],
    ['  spaced.txt  ', 'spaced.txt'],
    ['', 'file'],
    [undefined, 'file'],
    ['dir/', 'file'],
    ['bad\uD800.txt', 'bad.txt'],
  ])('%j -> %j', (input, expected) => {
    expect(cleanFileName(input)).toBe(expected);
  });

  it('cuts a long name to 255 characters (code points), keeping the extension', () => {
    expect(cleanFileName('😀'.repeat(300) + '.pdf')).toBe('😀'.repeat(251) + '.pdf');
  });
});

describe('contentDisposition', () => {
  it.each<[string, string]>([
    ['report.pdf', `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
    ['报价 单.pdf', `attachment; filename="__ _.pdf"; filename*=UTF-8''%E6%8A%A5%E4%BB%B7%20%E5%8D%95.pdf`],
    ['a"; filename=evil.html', `attachment; filename="a__ filename=evil.html"; filename*=UTF-8''a%22%3B%20filename%3Devil.html`],
    ["it's (1).txt", `attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`],
  ])('%j', (name, expected) => {
    expect(contentDisposition('attachment', name)).toBe(expected);
  });

  it('says inline for pictures', () => {
    expect(contentDisposition('inline', 'a.png')).toMatch(/^inline; /);
  });
});
