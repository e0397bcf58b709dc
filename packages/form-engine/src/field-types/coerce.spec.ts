import type { FieldDefinition, FieldType } from '@platform/schema';
import { getFieldType } from '../get-field-type';

const field = (type: FieldType, options?: Record<string, unknown>): FieldDefinition => ({ key: 'f', type, label: 'F', options });
const choices = { options: [{ key: 'a', label: 'A' }, { key: 'b', label: { 'zh-CN': '乙', 'en-US': 'B' } }, { key: 'c', label: 'C' }] };
const U1 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e6f';
const tree = {
  tree: [
    { key: 'zj', label: '浙江', children: [{ key: 'hz', label: '杭州', children: [{ key: 'xh', label: '西湖区' }] }, { key: 'nb', label: '宁波' }] },
    { key: 'js', label: '江苏', children: [] },
  ],
};
const range = (start: unknown, end: unknown) => ({ start, end });
const U2 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e70';

type Row = [label: string, type: FieldType, options: Record<string, unknown> | undefined, input: unknown, expected: unknown];
const accepts = (label: string, type: FieldType, input: unknown, expected: unknown, options?: Record<string, unknown>): Row => [label, type, options, input, expected];

/** Accepted inputs and the normalised wire value each becomes. */
const accepted: Row[] = [
  // text family: stored exactly as sent, '' -> null
  accepts('text as sent', 'text', '  Acme  ', '  Acme  '),
  accepts('SQL-looking text', 'text', "x'); DROP TABLE data.lead; --", "x'); DROP TABLE data.lead; --"),
  accepts('HTML-looking text', 'text', '<script>alert(1)</script>', '<script>alert(1)</script>'),
  accepts('500 characters', 'text', 'a'.repeat(500), 'a'.repeat(500)),
  accepts('500 CJK / emoji characters (code points)', 'text', '😀'.repeat(500), '😀'.repeat(500)),
  accepts('maxLength raised', 'text', 'a'.repeat(600), 'a'.repeat(600), { maxLength: 1000 }),
  accepts('pattern match', 'text', 'QT-0001', 'QT-0001', { pattern: '^QT-\\d{4}$' }),
  accepts('empty text', 'text', '', null),
  accepts('null text', 'text', null, null),
  accepts('textarea 20000', 'textarea', 'x'.repeat(20_000), 'x'.repeat(20_000)),
  accepts('textarea newlines', 'textarea', 'a\nb\r\n', 'a\nb\r\n'),
  accepts('email', 'email', 'zhang.san+crm@example.com.cn', 'zhang.san+crm@example.com.cn'),
  accepts('email trimmed', 'email', ' li@example.com ', 'li@example.com'),
  accepts('email in allowed domain', 'email', 'li@Corp.com', 'li@Corp.com', { domains: ['corp.com'] }),
  accepts('mobile', 'phone', '13800138000', '13800138000'),
  accepts('mobile 19x', 'phone', '19912345678', '19912345678'),
  accepts('landline with dash', 'phone', '010-12345678', '010-12345678'),
  accepts('landline 4-digit area, 7 digits', 'phone', '07551234567', '07551234567'),
  accepts('E.164', 'phone', '+8613800138000', '+8613800138000'),
  accepts('E.164 abroad', 'phone', '+14155552671', '+14155552671'),
  accepts('http url', 'url', 'http://example.com', 'http://example.com'),
  accepts('https url with path and query', 'url', 'https://例子.中国/a?b=c#d', 'https://例子.中国/a?b=c#d'),
  // numbers
  accepts('integer', 'number', 42, 42),
  accepts('rounds half-up at decimals 0', 'number', 2.5, 3),
  accepts('negative rounds away from zero', 'number', -2.5, -3),
  accepts('decimals 2', 'number', 1.005, 1.01, { decimals: 2 }),
  accepts('numeric string', 'number', '12', 12),
  accepts('numeric string with fraction', 'number', '-3.14159', -3.14, { decimals: 2 }),
  accepts('empty string number', 'number', '', null),
  accepts('within min/max', 'number', 10, 10, { min: 10, max: 20 }),
  accepts('15 digits', 'number', 999_999_999_999_999, 999_999_999_999_999),
  accepts('money default 2 decimals', 'money', 1234.5678, 1234.57),
  accepts('money 1.005', 'money', 1.005, 1.01),
  accepts('money 0.615', 'money', 0.615, 0.62),
  accepts('money negative', 'money', -0.005, -0.01),
  accepts('money decimals 0', 'money', 1234.5, 1235, { decimals: 0 }),
  accepts('money largest', 'money', 9_999_999_999_999.99, 9_999_999_999_999.99),
  accepts('money 16 integer digits', 'money', '9999999999999998', 9999999999999998),
  accepts('percent', 'percent', 85, 85),
  accepts('percent rounds', 'percent', 85.5, 86),
  accepts('percent decimals 1', 'percent', 12.34, 12.3, { decimals: 1 }),
  accepts('percent above 100', 'percent', 150, 150),
  accepts('rating', 'rating', 4, 4),
  accepts('rating 0', 'rating', 0, 0),
  accepts('rating max 10', 'rating', 10, 10, { max: 10 }),
  accepts('rating whole string', 'rating', '3', 3),
  accepts('rating 3.0', 'rating', 3.0, 3),
  // dates and times
  accepts('date', 'date', '2024-02-29', '2024-02-29'),
  accepts('date min/max bounds', 'date', '2024-01-01', '2024-01-01', { min: '2024-01-01', max: '2024-12-31' }),
  accepts('datetime Z', 'datetime', '2024-05-01T08:30:00Z', '2024-05-01T08:30:00.000Z'),
  accepts('datetime offset', 'datetime', '2024-05-01T08:30:00+08:00', '2024-05-01T00:30:00.000Z'),
  accepts('datetime offset without colon', 'datetime', '2024-05-01T08:30+0800', '2024-05-01T00:30:00.000Z'),
  accepts('datetime negative offset over midnight', 'datetime', '2024-12-31T22:00:00-05:00', '2025-01-01T03:00:00.000Z'),
  accepts('datetime ms kept', 'datetime', '2024-05-01T08:30:00.123Z', '2024-05-01T08:30:00.123Z'),
  accepts('datetime micros rounded', 'datetime', '2024-05-01T08:30:59.9995Z', '2024-05-01T08:31:00.000Z'),
  accepts('datetime space separator', 'datetime', '2024-05-01 08:30:00Z', '2024-05-01T08:30:00.000Z'),
  accepts('datetime Date object', 'datetime', new Date('2024-05-01T08:30:00Z'), '2024-05-01T08:30:00.000Z'),
  accepts('time HH:mm', 'time', '09:05', '09:05:00'),
  accepts('time HH:mm:ss', 'time', '23:59:59', '23:59:59'),
  accepts('time empty', 'time', '', null),
  // choices
  accepts('select key', 'select', 'b', 'b', choices),
  accepts('select empty', 'select', '', null, choices),
  accepts('radio key', 'radio', 'a', 'a', choices),
  accepts('multiSelect keys', 'multiSelect', ['c', 'a'], ['c', 'a'], choices),
  accepts('multiSelect dedup keeps first', 'multiSelect', ['a', 'b', 'a'], ['a', 'b'], choices),
  accepts('multiSelect null -> []', 'multiSelect', null, [], choices),
  accepts('multiSelect [] -> []', 'multiSelect', [], [], choices),
  accepts('multiSelect empty count ignores minCount', 'multiSelect', [], [], { ...choices, minCount: 2 }),
  accepts('checkbox keys', 'checkbox', ['b'], ['b'], choices),
  accepts('switch true', 'switch', true, true),
  accepts('switch false', 'switch', false, false),
  accepts('switch null', 'switch', null, null),
  // ids
  accepts('member id', 'member', U1, U1),
  accepts('member id upper case -> lower', 'member', U1.toUpperCase(), U1),
  accepts('department id', 'department', U2, U2),
  accepts('members dedup', 'members', [U1, U2, U1.toUpperCase()], [U1, U2]),
  accepts('departments null -> []', 'departments', null, []),
  // idNumber: GB 11643 check character, date of birth; stored upper-case
  accepts('cnId', 'idNumber', '110101199003074477', '110101199003074477'),
  accepts('cnId ending in X', 'idNumber', '11010519491231002X', '11010519491231002X'),
  accepts('cnId lower-case x -> X', 'idNumber', '11010519491231002x', '11010519491231002X'),
  accepts('cnId trimmed', 'idNumber', ' 440304198501011235 ', '440304198501011235'),
  accepts('cnId born on Feb 29 of a leap year', 'idNumber', '440304200002291236', '440304200002291236'),
  accepts('cnId empty', 'idNumber', '', null),
  accepts('passport', 'idNumber', 'E12345678', 'E12345678', { kind: 'passport' }),
  accepts('passport upper-cased', 'idNumber', 'g1234567', 'G1234567', { kind: 'passport' }),
  accepts('passport 5 characters', 'idNumber', 'AB123', 'AB123', { kind: 'passport' }),
  accepts('passport 20 characters', 'idNumber', 'A'.repeat(20), 'A'.repeat(20), { kind: 'passport' }),
  // richText: sanitised, empty HTML is empty
  accepts('richText formatting kept', 'richText', '<p>Hi <b>there</b>, <a href="https://example.com">link</a></p>', '<p>Hi <b>there</b>, <a href="https://example.com" rel="noopener noreferrer" target="_blank">link</a></p>'),
  accepts('richText handlers dropped', 'richText', '<p onclick="steal()" style="color:red">a</p>', '<p>a</p>'),
  accepts('richText plain text escaped', 'richText', 'a < b & c', 'a &lt; b &amp; c'),
  accepts('richText image from our files', 'richText', '<img src="/api/files/0190a6f2">', '<img src="/api/files/0190a6f2">'),
  accepts('richText images switched off', 'richText', '<p>a<img src="/api/files/0190a6f2"></p>', '<p>a</p>', { images: false }),
  accepts('richText empty paragraph -> null', 'richText', '<p><br></p>', null),
  accepts('richText only a script -> null', 'richText', '<script>alert(1)</script>', null),
  accepts('richText empty string', 'richText', '', null),
  accepts('richText 200 kB', 'richText', 'a'.repeat(200 * 1024), 'a'.repeat(200 * 1024)),
  // dateRange: {start, end}, days counted inclusively
  accepts('dateRange', 'dateRange', range('2024-05-01', '2024-05-03'), range('2024-05-01', '2024-05-03')),
  accepts('dateRange of one day', 'dateRange', range('2024-02-29', '2024-02-29'), range('2024-02-29', '2024-02-29')),
  accepts('dateRange parts in any order', 'dateRange', { end: '2024-05-03', start: '2024-05-01' }, range('2024-05-01', '2024-05-03')),
  accepts('dateRange exactly minDays', 'dateRange', range('2024-05-01', '2024-05-03'), range('2024-05-01', '2024-05-03'), { minDays: 3 }),
  accepts('dateRange exactly maxDays, over a year end', 'dateRange', range('2024-12-25', '2025-01-07'), range('2024-12-25', '2025-01-07'), { maxDays: 14 }),
  accepts('dateRange both parts empty -> null', 'dateRange', range(null, ''), null),
  accepts('dateRange {} -> null', 'dateRange', {}, null),
  accepts('dateRange null', 'dateRange', null, null),
  accepts('dateRange empty string', 'dateRange', '', null),
  // location: {lng, lat, address}
  accepts('location', 'location', { lng: 116.397428, lat: 39.90923, address: '北京市东城区' }, { lng: 116.397428, lat: 39.90923, address: '北京市东城区' }),
  accepts('location without address', 'location', { lng: 121.47, lat: 31.23 }, { lng: 121.47, lat: 31.23, address: null }),
  accepts('location bounds', 'location', { lng: -180, lat: 90 }, { lng: -180, lat: 90, address: null }),
  accepts('location decimal strings', 'location', { lng: '116.4', lat: '-39.9', address: '' }, { lng: 116.4, lat: -39.9, address: null }),
  accepts('location address trimmed', 'location', { lng: 0, lat: 0, address: '  Null Island ' }, { lng: 0, lat: 0, address: 'Null Island' }),
  accepts('location address 500 characters', 'location', { lng: 1, lat: 1, address: '址'.repeat(500) }, { lng: 1, lat: 1, address: '址'.repeat(500) }),
  accepts('location all parts empty -> null', 'location', { lng: null, lat: null }, null),
  accepts('location null', 'location', null, null),
  // cascader: a path of keys from the root
  accepts('cascader full path', 'cascader', ['zj', 'hz', 'xh'], ['zj', 'hz', 'xh'], tree),
  accepts('cascader partial path', 'cascader', ['zj', 'hz'], ['zj', 'hz'], tree),
  accepts('cascader root only', 'cascader', ['js'], ['js'], tree),
  accepts('cascader leafOnly to a leaf', 'cascader', ['zj', 'nb'], ['zj', 'nb'], { ...tree, leafOnly: true }),
  accepts('cascader leafOnly: empty children is a leaf', 'cascader', ['js'], ['js'], { ...tree, leafOnly: true }),
  accepts('cascader null -> []', 'cascader', null, [], tree),
  accepts('cascader [] -> []', 'cascader', [], [], tree),
  // formula: only re-validation of what derive() gives
  accepts('formula number rounded', 'formula', 1.005, 1.01, { expression: 'a', decimals: 2 }),
  accepts('formula text', 'formula', 'abc', 'abc', { expression: 'a', resultType: 'text' }),
  accepts('formula date', 'formula', '2024-05-01', '2024-05-01', { expression: 'a', resultType: 'date' }),
  accepts('formula datetime', 'formula', '2024-05-01T00:30:00.000Z', '2024-05-01T00:30:00.000Z', { expression: 'a', resultType: 'datetime' }),
  accepts('formula boolean', 'formula', false, false, { expression: 'a', resultType: 'boolean' }),
  accepts('formula null', 'formula', null, null, { expression: 'a' }),
];

type Refusal = [label: string, type: FieldType, options: Record<string, unknown> | undefined, input: unknown, code: string, path?: (string | number)[]];
const refuses = (label: string, type: FieldType, input: unknown, code: string, options?: Record<string, unknown>, path?: (string | number)[]): Refusal => [label, type, options, input, code, path];

const refused: Refusal[] = [
  refuses('text number', 'text', 12, 'invalid_type'),
  refuses('text object', 'text', { a: 1 }, 'invalid_type'),
  refuses('text 501 characters', 'text', 'a'.repeat(501), 'too_long'),
  refuses('text 501 emoji', 'text', '😀'.repeat(501), 'too_long'),
  refuses('text above maxLength', 'text', 'abcd', 'too_long', { maxLength: 3 }),
  refuses('text below minLength', 'text', 'ab', 'too_short', { minLength: 3 }),
  refuses('text pattern', 'text', 'QT-1', 'invalid_format', { pattern: '^QT-\\d{4}$' }),
  refuses('text NUL byte', 'text', 'a\u0000b', 'invalid_format'),
  refuses('text lone surrogate', 'text', 'a\uD800b', 'invalid_format'),
  refuses('textarea 20001', 'textarea', 'x'.repeat(20_001), 'too_long'),
  refuses('email without @', 'email', 'zhang.example.com', 'invalid_format'),
  refuses('email without tld', 'email', 'zhang@localhost', 'invalid_format'),
  refuses('email two @', 'email', 'a@b@example.com', 'invalid_format'),
  refuses('email double dot', 'email', 'a..b@example.com', 'invalid_format'),
  refuses('email space', 'email', 'a b@example.com', 'invalid_format'),
  refuses('email numeric tld', 'email', 'a@example.123', 'invalid_format'),
  refuses('email outside allowed domains', 'email', 'li@other.com', 'invalid_format', { domains: ['corp.com'] }),
  refuses('mobile 12x', 'phone', '12800138000', 'invalid_format'),
  refuses('mobile 10 digits', 'phone', '1380013800', 'invalid_format'),
  refuses('mobile 12 digits', 'phone', '138001380001', 'invalid_format'),
  refuses('landline without 0', 'phone', '10-12345678', 'invalid_format'),
  refuses('landline 6 digits', 'phone', '010-123456', 'invalid_format'),
  refuses('phone letters', 'phone', '138-abcd-0000', 'invalid_format'),
  refuses('E.164 too long', 'phone', '+1234567890123456', 'invalid_format'),
  refuses('phone as number', 'phone', 13800138000, 'invalid_type'),
  refuses('ftp url', 'url', 'ftp://example.com/file', 'invalid_format'),
  refuses('javascript url', 'url', 'javascript:alert(1)', 'invalid_format'),
  refuses('url without scheme', 'url', 'example.com', 'invalid_format'),
  refuses('url with space', 'url', 'https://exa mple.com', 'invalid_format'),
  refuses('number NaN', 'number', NaN, 'invalid_type'),
  refuses('number Infinity', 'number', Infinity, 'invalid_type'),
  refuses('number boolean', 'number', true, 'invalid_type'),
  refuses('number word', 'number', 'twelve', 'invalid_type'),
  refuses('number exponent string', 'number', '1e3', 'invalid_type'),
  refuses('number padded string', 'number', ' 12', 'invalid_type'),
  refuses('number below min', 'number', 9, 'too_small', { min: 10 }),
  refuses('number above max', 'number', 21, 'too_big', { max: 20 }),
  refuses('number above max after rounding', 'number', 20.5, 'too_big', { max: 20 }),
  refuses('number 16 digits', 'number', 1e15, 'too_big'),
  refuses('number -16 digits', 'number', -1e15, 'too_small'),
  refuses('number absurd', 'number', 1e300, 'too_big'),
  refuses('money 17 integer digits', 'money', 1e16, 'too_big'),
  refuses('money 16 nines: 1e16 as a JSON number', 'money', '9999999999999999', 'too_big'),
  refuses('money numeric(18,2) overflow by rounding', 'money', '9999999999999999.995', 'too_big'),
  refuses('money absurd negative', 'money', -1e20, 'too_small'),
  refuses('percent string word', 'percent', '85%', 'invalid_type'),
  refuses('rating fraction', 'rating', 3.5, 'invalid_type'),
  refuses('rating fraction string', 'rating', '3.5', 'invalid_type'),
  refuses('rating above default max 5', 'rating', 6, 'too_big'),
  refuses('rating above max', 'rating', 4, 'too_big', { max: 3 }),
  refuses('rating negative', 'rating', -1, 'too_small'),
  refuses('date Feb 30', 'date', '2024-02-30', 'invalid_format'),
  refuses('date Feb 29 non-leap', 'date', '2023-02-29', 'invalid_format'),
  refuses('date 1900 not leap', 'date', '1900-02-29', 'invalid_format'),
  refuses('date month 13', 'date', '2024-13-01', 'invalid_format'),
  refuses('date year 0', 'date', '0000-01-01', 'invalid_format'),
  refuses('date with time', 'date', '2024-05-01T00:00:00Z', 'invalid_format'),
  refuses('date slashes', 'date', '2024/05/01', 'invalid_format'),
  refuses('date number', 'date', 20240501, 'invalid_type'),
  refuses('date before min', 'date', '2023-12-31', 'too_small', { min: '2024-01-01' }),
  refuses('date after max', 'date', '2025-01-01', 'too_big', { max: '2024-12-31' }),
  refuses('datetime without offset', 'datetime', '2024-05-01T08:30:00', 'invalid_format'),
  refuses('datetime date only', 'datetime', '2024-05-01', 'invalid_format'),
  refuses('datetime hour 24', 'datetime', '2024-05-01T24:00:00Z', 'invalid_format'),
  refuses('datetime Feb 30', 'datetime', '2024-02-30T08:00:00Z', 'invalid_format'),
  refuses('datetime leap second', 'datetime', '2024-06-30T23:59:60Z', 'invalid_format'),
  refuses('datetime epoch number', 'datetime', 1714552200000, 'invalid_type'),
  refuses('datetime invalid Date', 'datetime', new Date('nope'), 'invalid_format'),
  refuses('datetime garbage', 'datetime', 'yesterday', 'invalid_format'),
  refuses('time 24:00', 'time', '24:00', 'invalid_format'),
  refuses('time 9:05', 'time', '9:05', 'invalid_format'),
  refuses('time with fraction', 'time', '09:05:00.5', 'invalid_format'),
  refuses('time 60 minutes', 'time', '09:60', 'invalid_format'),
  refuses('select unknown key', 'select', 'z', 'invalid_option', choices),
  refuses('select label instead of key', 'select', 'A', 'invalid_option', choices),
  refuses('select number', 'select', 1, 'invalid_type', choices),
  refuses('select without options', 'select', 'a', 'invalid_option'),
  refuses('radio array', 'radio', ['a'], 'invalid_type', choices),
  refuses('multiSelect string', 'multiSelect', 'a', 'invalid_type', choices),
  refuses('multiSelect unknown key at index', 'multiSelect', ['a', 'z'], 'invalid_option', choices, [1]),
  refuses('multiSelect non-string element', 'multiSelect', ['a', 2], 'invalid_type', choices, [1]),
  refuses('multiSelect too few', 'multiSelect', ['a'], 'too_few', { ...choices, minCount: 2 }),
  refuses('checkbox too many', 'checkbox', ['a', 'b', 'c'], 'too_many', { ...choices, maxCount: 2 }),
  refuses('switch string', 'switch', 'true', 'invalid_type'),
  refuses('switch number', 'switch', 1, 'invalid_type'),
  refuses('member not a uuid', 'member', 'zhangsan', 'invalid_format'),
  refuses('member uuid without dashes', 'member', U1.replace(/-/g, ''), 'invalid_format'),
  refuses('member number', 'member', 12, 'invalid_type'),
  refuses('member array', 'member', [U1], 'invalid_type'),
  refuses('members single id', 'members', U1, 'invalid_type'),
  refuses('members bad element', 'members', [U1, 'x'], 'invalid_format', undefined, [1]),
  refuses('members above maxCount', 'members', [U1, U2], 'too_many', { maxCount: 1 }),
  refuses('cnId wrong check character', 'idNumber', '110101199003074478', 'invalid_format'),
  refuses('cnId check X where a digit belongs', 'idNumber', '11010119900307447X', 'invalid_format'),
  refuses('cnId 17 characters', 'idNumber', '11010119900307447', 'invalid_format'),
  refuses('cnId 19 characters', 'idNumber', '1101011990030744770', 'invalid_format'),
  refuses('cnId letter inside', 'idNumber', '11010119900A074477', 'invalid_format'),
  refuses('cnId Feb 30 (correct check character)', 'idNumber', '110105194902300020', 'invalid_format'),
  refuses('cnId Feb 29 of 2001 (correct check character)', 'idNumber', '440304200102291233', 'invalid_format'),
  refuses('cnId born in 3000 (correct check character)', 'idNumber', '110105300001010014', 'invalid_format'),
  refuses('cnId born in 1799 (correct check character)', 'idNumber', '110105179901010018', 'invalid_format'),
  refuses('cnId with spaces', 'idNumber', '110101 19900307 4477', 'invalid_format'),
  refuses('cnId as a number', 'idNumber', 110101199003074477, 'invalid_type'),
  refuses('passport 4 characters', 'idNumber', 'AB12', 'invalid_format', { kind: 'passport' }),
  refuses('passport 21 characters', 'idNumber', 'A'.repeat(21), 'too_long', { kind: 'passport' }),
  refuses('passport with a dash', 'idNumber', 'E-1234567', 'invalid_format', { kind: 'passport' }),
  refuses('passport CJK', 'idNumber', '护照12345', 'invalid_format', { kind: 'passport' }),
  refuses('richText number', 'richText', 42, 'invalid_type'),
  refuses('richText above 200 kB after sanitising', 'richText', `<p>${'a'.repeat(200 * 1024)}</p>`, 'too_large'),
  refuses('richText 200 kB of 3-byte characters', 'richText', '字'.repeat(70_000), 'too_large'),
  refuses('richText input far above the limit', 'richText', '<script>'.repeat(200_000), 'too_large'),
  refuses('dateRange as a string', 'dateRange', '2024-05-01/2024-05-03', 'invalid_type'),
  refuses('dateRange as an array', 'dateRange', ['2024-05-01', '2024-05-03'], 'invalid_type'),
  refuses('dateRange ending before it starts', 'dateRange', range('2024-05-03', '2024-05-01'), 'invalid_range', undefined, ['end']),
  refuses('dateRange start not a calendar day', 'dateRange', range('2024-02-30', '2024-03-01'), 'invalid_format', undefined, ['start']),
  refuses('dateRange end with a time', 'dateRange', range('2024-05-01', '2024-05-03T00:00:00Z'), 'invalid_format', undefined, ['end']),
  refuses('dateRange without end', 'dateRange', { start: '2024-05-01' }, 'required', undefined, ['end']),
  refuses('dateRange without start', 'dateRange', range(null, '2024-05-01'), 'required', undefined, ['start']),
  refuses('dateRange numbers', 'dateRange', range(20240501, 20240503), 'invalid_type', undefined, ['start']),
  refuses('dateRange with another part', 'dateRange', { ...range('2024-05-01', '2024-05-03'), days: 3 }, 'invalid_type', undefined, ['days']),
  refuses('dateRange shorter than minDays', 'dateRange', range('2024-05-01', '2024-05-02'), 'range_too_short', { minDays: 3 }),
  refuses('dateRange longer than maxDays', 'dateRange', range('2024-12-25', '2025-01-08'), 'range_too_long', { maxDays: 14 }),
  refuses('location lng 180.0001', 'location', { lng: 180.0001, lat: 0 }, 'too_big', undefined, ['lng']),
  refuses('location lng -181', 'location', { lng: -181, lat: 0 }, 'too_small', undefined, ['lng']),
  refuses('location lat 90.5', 'location', { lng: 0, lat: 90.5 }, 'too_big', undefined, ['lat']),
  refuses('location lat -91', 'location', { lng: 0, lat: -91 }, 'too_small', undefined, ['lat']),
  refuses('location without lat', 'location', { lng: 116.4, address: '北京' }, 'required', undefined, ['lat']),
  refuses('location only an address', 'location', { address: '北京' }, 'required', undefined, ['lng']),
  refuses('location lng a word', 'location', { lng: 'east', lat: 0 }, 'invalid_type', undefined, ['lng']),
  refuses('location lng Infinity', 'location', { lng: Infinity, lat: 0 }, 'invalid_type', undefined, ['lng']),
  refuses('location address 501 characters', 'location', { lng: 1, lat: 1, address: '址'.repeat(501) }, 'too_long', undefined, ['address']),
  refuses('location address a number', 'location', { lng: 1, lat: 1, address: 12 }, 'invalid_type', undefined, ['address']),
  refuses('location address NUL', 'location', { lng: 1, lat: 1, address: 'a\u0000' }, 'invalid_format', undefined, ['address']),
  refuses('location another part', 'location', { lng: 1, lat: 1, alt: 5 }, 'invalid_type', undefined, ['alt']),
  refuses('location as text', 'location', '116.4,39.9', 'invalid_type'),
  refuses('location as an array', 'location', [116.4, 39.9], 'invalid_type'),
  refuses('cascader a single key', 'cascader', 'zj', 'invalid_type', tree),
  refuses('cascader not from the root', 'cascader', ['hz'], 'invalid_option', tree, [0]),
  refuses('cascader key under another parent', 'cascader', ['js', 'hz'], 'invalid_option', tree, [1]),
  refuses('cascader past a leaf', 'cascader', ['zj', 'hz', 'xh', 'xh'], 'invalid_option', tree, [3]),
  refuses('cascader a label instead of a key', 'cascader', ['浙江'], 'invalid_option', tree, [0]),
  refuses('cascader non-string element', 'cascader', ['zj', 1], 'invalid_type', tree, [1]),
  refuses('cascader leafOnly partial path', 'cascader', ['zj', 'hz'], 'not_leaf', { ...tree, leafOnly: true }, [1]),
  refuses('cascader without a tree', 'cascader', ['zj'], 'invalid_option', undefined, [0]),
  refuses('formula number from a word', 'formula', 'abc', 'invalid_type', { expression: 'a' }),
  refuses('formula boolean from a word', 'formula', 'maybe', 'invalid_type', { expression: 'a', resultType: 'boolean' }),
  refuses('departments above the hard cap', 'departments', Array.from({ length: 1001 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`), 'too_many'),
];

describe('coerce', () => {
  it.each(accepted)('accepts %s', (_label, type, options, input, expected) => {
    expect(getFieldType(type)!.coerce(input, field(type, options))).toEqual({ ok: true, value: expected });
  });

  it.each(refused)('refuses %s', (_label, type, options, input, code, path) => {
    const result = getFieldType(type)!.coerce(input, field(type, options));
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) {
      expect(result.message).toEqual(expect.any(String));
      expect(result.path).toEqual(path);
    }
  });

  it('accepts an undefined value as empty for every value type', () => {
    for (const type of ['text', 'number', 'date', 'select', 'switch', 'member'] as const) {
      expect(getFieldType(type)!.coerce(undefined, field(type))).toEqual({ ok: true, value: null });
    }
    expect(getFieldType('members')!.coerce(undefined, field('members'))).toEqual({ ok: true, value: [] });
  });

  it('reports the limits a message needs', () => {
    expect(getFieldType('text')!.coerce('a'.repeat(501), field('text'))).toMatchObject({ params: { max: 500 } });
    expect(getFieldType('money')!.coerce(1e16, field('money'))).toMatchObject({ params: { max: '9999999999999999.99' } });
  });

  it('uses the designer message when a pattern fails', () => {
    const result = getFieldType('text')!.coerce('x', field('text', { pattern: '^\\d+$', patternMessage: { 'zh-CN': '只能是数字', 'en-US': 'digits only' } }));
    expect(result).toMatchObject({ ok: false, message: 'digits only' });
  });

  it('refuses writing a layout item', () => {
    expect(getFieldType('divider')!.coerce('x', field('divider'))).toMatchObject({ ok: false, code: 'unknown_field' });
    expect(getFieldType('tabs')!.coerce('x', field('tabs'))).toMatchObject({ ok: false, code: 'unknown_field' });
  });

  it('accepts an undefined value as empty for the structured types', () => {
    for (const type of ['dateRange', 'location', 'richText', 'idNumber', 'formula'] as const) {
      expect(getFieldType(type)!.coerce(undefined, field(type))).toEqual({ ok: true, value: null });
    }
    expect(getFieldType('cascader')!.coerce(undefined, field('cascader', tree))).toEqual({ ok: true, value: [] });
  });

  it('reports the limits of the new types in params', () => {
    expect(getFieldType('dateRange')!.coerce(range('2024-05-01', '2024-05-01'), field('dateRange', { minDays: 2 }))).toMatchObject({ params: { min: 2 } });
    expect(getFieldType('location')!.coerce({ lng: 0, lat: 91 }, field('location'))).toMatchObject({ params: { max: 90 } });
    expect(getFieldType('richText')!.coerce('a'.repeat(300_000), field('richText'))).toMatchObject({ params: { maxKB: 200 } });
  });
});
