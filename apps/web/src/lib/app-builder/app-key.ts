/** An app key from its name where the name is Latin ("Visitor log" → visitor_log), else app_<n>; never one taken. */
export function suggestAppKey(name: string, taken: ReadonlySet<string>): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^[^a-z]+|_+$/g, '').slice(0, 40);
  const stem = slug || 'app';
  if (slug && !taken.has(slug)) return slug;
  for (let n = 1; ; n++) if (!taken.has(`${stem}_${n}`)) return `${stem}_${n}`;
}

export const APP_KEY_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
